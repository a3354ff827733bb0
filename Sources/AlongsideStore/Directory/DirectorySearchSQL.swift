import AlongsideCore
import Foundation
import SQLKit

/// The one query behind a directory search. Distance is compared on a flat projection around the centre
/// (exact to well under 1% within 20 km), which both engines can do with plain arithmetic; the page then
/// shows exact distances.
enum DirectorySearchSQL {
    static let metresPerDegree = 111_195.0

    static func build(_ query: DirectoryQuery, centre: Coordinate?, index: any ServiceTextIndex) -> (SQLQueryString, Bool) {
        let words = searchWords(query.text)
        var sql: SQLQueryString = "SELECT s.id AS id, COUNT(*) OVER () AS total"
        var from: SQLQueryString = "services s"
        var score: SQLQueryString = "0"
        var conditions: [SQLQueryString] = []
        if !words.isEmpty {
            from = index.searchFrom(words)
            score = "m.rank"
        }
        sql = sql + ", MAX(" + score + ") AS score"
        var distance: SQLQueryString = "0"
        if let centre {
            let k = cos(centre.latitude * .pi / 180)
            distance = "((l.latitude - \(bind: centre.latitude)) * (l.latitude - \(bind: centre.latitude)) + (l.longitude - \(bind: centre.longitude)) * \(bind: k) * (l.longitude - \(bind: centre.longitude)) * \(bind: k))"
            if let metres = query.proximity {
                let box = BoundingBox(around: centre, metres: metres)
                let limit = (metres / metresPerDegree) * (metres / metresPerDegree)
                conditions.append("l.latitude BETWEEN \(bind: box.minLatitude) AND \(bind: box.maxLatitude)")
                conditions.append("l.longitude BETWEEN \(bind: box.minLongitude) AND \(bind: box.maxLongitude)")
                conditions.append(distance + " <= \(bind: limit)")
            }
        }
        sql = sql + ", COALESCE(MIN(" + distance + "), 1e18) AS nearness"
        sql = sql + " FROM " + from
            + " LEFT JOIN service_at_locations sal ON sal.service_id = s.id LEFT JOIN locations l ON l.id = sal.location_id"

        if let organisation = query.organisationID { conditions.append("s.organisation_id = \(bind: organisation)") }
        if let after = query.modifiedAfter { conditions.append("s.last_modified > \(bind: after)") }
        if let age = query.minimumAge { conditions.append("(s.maximum_age IS NULL OR s.maximum_age >= \(bind: age))") }
        if let age = query.maximumAge { conditions.append("(s.minimum_age IS NULL OR s.minimum_age <= \(bind: age))") }
        if !query.taxonomyTermIDs.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM service_taxonomy_terms st WHERE st.service_id = s.id AND st.taxonomy_term_id IN (\(binds: query.taxonomyTermIDs)))")
        }
        if let taxonomy = query.taxonomyID {
            conditions.append("EXISTS (SELECT 1 FROM service_taxonomy_terms st JOIN taxonomy_terms tt ON tt.id = st.taxonomy_term_id WHERE st.service_id = s.id AND tt.taxonomy_id = \(bind: taxonomy))")
        }
        if query.freeOnly { conditions.append("s.is_free = \(bind: true)") }
        if let attending = query.attending { conditions.append("s.attending LIKE \(bind: "%" + attending.rawValue + "%")") }
        if let language = query.language {
            conditions.append("(',' || LOWER(s.languages) || ',') LIKE \(bind: "%," + language.lowercased() + ",%")")
        }
        for feature in query.accessibility { conditions.append("l.accessibility LIKE \(bind: "%" + feature.rawValue + "%")") }
        if query.day != nil || query.startTime != nil || query.partOfDay != nil {
            var when: [SQLQueryString] = ["sc.service_id = s.id"]
            if let day = query.day { when.append("(sc.byday LIKE \(bind: "%" + day.code + "%") OR sc.byday = '')") }
            if let time = query.startTime {
                when.append("(sc.opens_at IS NULL OR (sc.opens_at <= \(bind: time.withSeconds) AND COALESCE(sc.closes_at, '23:59:00') > \(bind: time.withSeconds)))")
            }
            if let part = query.partOfDay {
                let (start, end) = part.bounds
                when.append("(sc.opens_at IS NULL OR (sc.opens_at < \(bind: end.withSeconds) AND COALESCE(sc.closes_at, sc.opens_at) > \(bind: start.withSeconds)))")
            }
            conditions.append("EXISTS (SELECT 1 FROM schedules sc WHERE " + joined(when, " AND ") + ")")
        }
        if !conditions.isEmpty { sql = sql + " WHERE " + joined(conditions, " AND ") }
        sql = sql + " GROUP BY s.id, s.name ORDER BY score DESC, nearness ASC, s.name ASC, s.id ASC"
        sql = sql + " LIMIT \(bind: query.perPage) OFFSET \(bind: (query.page - 1) * query.perPage)"
        return (sql, !words.isEmpty)
    }

    static func joined(_ parts: [SQLQueryString], _ separator: String) -> SQLQueryString {
        var result: SQLQueryString = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { result = result + SQLQueryString(separator) }
            result = result + part
        }
        return result
    }
}

import Foundation

/// The HSDS 3.0 tabular layout: one CSV file a table (`services.csv`, `locations.csv`, …), rows linked by ids.
/// Reading nests the rows into the same service objects the JSON API serves, so one reader (`ORUKReader`)
/// understands both; writing flattens those objects back into tables. The layout's own examples name some
/// tables in the singular (`service_at_location.csv`, `schedule.csv`), so both spellings are read.
public enum HSDSTabular {
    /// A table: its columns and rows, each row with the line it came from.
    public struct Table: Sendable, Equatable {
        public var columns: [String]
        public var rows: [[String: String]]
        public var lines: [Int]

        public init(columns: [String] = [], rows: [[String: String]] = [], lines: [Int] = []) {
            self.columns = columns
            self.rows = rows
            self.lines = lines
        }
    }

    /// A list of children nested under a parent, and the column that points at the parent.
    struct Children {
        let field: String
        let table: String
        let parentKey: String
    }

    /// One object nested under its parent by an id the parent holds.
    struct Single {
        let field: String
        let table: String
        let key: String
    }

    static let children: [String: [Children]] = [
        "services": [
            Children(field: "service_at_locations", table: "service_at_locations", parentKey: "service_id"),
            Children(field: "schedules", table: "schedules", parentKey: "service_id"),
            Children(field: "phones", table: "phones", parentKey: "service_id"),
            Children(field: "contacts", table: "contacts", parentKey: "service_id"),
            Children(field: "cost_options", table: "cost_options", parentKey: "service_id"),
            Children(field: "languages", table: "languages", parentKey: "service_id"),
            Children(field: "attributes", table: "attributes", parentKey: "link_id"),
        ],
        "locations": [
            Children(field: "addresses", table: "addresses", parentKey: "location_id"),
            Children(field: "accessibility", table: "accessibility", parentKey: "location_id"),
        ],
        "contacts": [Children(field: "phones", table: "phones", parentKey: "contact_id")],
    ]

    static let singles: [String: [Single]] = [
        "services": [Single(field: "organization", table: "organizations", key: "organization_id")],
        "service_at_locations": [Single(field: "location", table: "locations", key: "location_id")],
        "attributes": [Single(field: "taxonomy_term", table: "taxonomy_terms", key: "taxonomy_term_id")],
        "taxonomy_terms": [Single(field: "taxonomy_detail", table: "taxonomies", key: "taxonomy_id")],
    ]

    /// The table a file holds, from its name: `service_at_location.csv` and `service_at_locations.csv` are one.
    public static func tableName(forFile name: String) -> String? {
        let base = name.lowercased().replacingOccurrences(of: ".csv", with: "")
        let known = ["services", "organizations", "locations", "service_at_locations", "addresses", "accessibility", "schedules",
                     "phones", "contacts", "cost_options", "languages", "attributes", "taxonomy_terms", "taxonomies"]
        if known.contains(base) { return base }
        if let plural = known.first(where: { $0 == base + "s" || $0 == base + "es" }) { return plural }
        if base == "taxonomy" { return "taxonomies" }
        return nil
    }

    /// Reads one CSV file's text into a table (the first line names the columns).
    public static func table(_ text: String) -> Table {
        let rows = CSVReader().rows(text)
        guard let header = rows.first else { return Table() }
        let columns = header.fields.map { $0.trimmed.lowercased() }
        var table = Table(columns: columns)
        for row in rows.dropFirst() {
            var values: [String: String] = [:]
            for (i, column) in columns.enumerated() where i < row.fields.count { values[column] = row.fields[i] }
            table.rows.append(values)
            table.lines.append(row.line)
        }
        return table
    }

    /// Puts together tables read from files (several files may hold one table; rows with the same id are one row).
    public static func merge(_ tables: [(String, Table)]) -> [String: Table] {
        var merged: [String: Table] = [:]
        for (name, table) in tables {
            var into = merged[name] ?? Table()
            var seen = Set(into.rows.compactMap { $0["id"] })
            into.columns += table.columns.filter { !into.columns.contains($0) }
            for (row, line) in zip(table.rows, table.lines) {
                if let id = row["id"], !id.isEmpty {
                    guard seen.insert(id).inserted else { continue }
                }
                into.rows.append(row)
                into.lines.append(line)
            }
            merged[name] = into
        }
        return merged
    }

    /// Every service in the tables as a nested object, with the line of `services.csv` it came from.
    public static func services(in tables: [String: Table]) -> [(object: [String: Any], line: Int)] {
        var byParent: [String: [String: [[String: String]]]] = [:]
        var byID: [String: [String: [String: String]]] = [:]
        for (name, table) in tables {
            for row in table.rows {
                if let id = row["id"], !id.isEmpty { byID[name, default: [:]][id.lowercased()] = row }
            }
        }
        for relations in children.values {
            for relation in relations {
                for row in tables[relation.table]?.rows ?? [] {
                    guard let parent = row[relation.parentKey], !parent.isEmpty else { continue }
                    byParent[relation.table + "." + relation.parentKey, default: [:]][parent.lowercased(), default: []].append(row)
                }
            }
        }
        func nest(_ row: [String: String], as table: String, depth: Int) -> [String: Any] {
            var object: [String: Any] = [:]
            for (key, value) in row where !value.isEmpty { object[key] = value }
            guard depth < 5, let id = row["id"]?.lowercased() else { return object }
            for relation in children[table] ?? [] {
                let rows = byParent[relation.table + "." + relation.parentKey]?[id] ?? []
                if !rows.isEmpty { object[relation.field] = rows.map { nest($0, as: relation.table, depth: depth + 1) } }
            }
            for single in singles[table] ?? [] {
                if let key = row[single.key]?.lowercased(), let found = byID[single.table]?[key] {
                    object[single.field] = nest(found, as: single.table, depth: depth + 1)
                }
            }
            return object
        }
        guard let services = tables["services"] else { return [] }
        return zip(services.rows, services.lines).map { (nest($0, as: "services", depth: 0), $1) }
    }

    /// Flattens nested service objects (as the JSON API serves them) into tables: every array of children
    /// becomes rows pointing at their parent, every nested object a row of its own table (once, by id).
    public static func tables(from services: [[String: Any]]) -> [String: Table] {
        var tables: [String: Table] = [:]
        var seen: [String: Set<String>] = [:]
        func add(_ object: [String: Any], to table: String, parent: (String, String)?) {
            var row: [String: String] = [:]
            for (key, value) in object {
                if let text = cell(value) { row[key] = text }
            }
            if let (key, id) = parent { row[key] = id }
            let id = row["id"] ?? ""
            if !id.isEmpty {
                guard seen[table, default: []].insert(id).inserted else { return }
            }
            var t = tables[table] ?? Table()
            for key in row.keys where !t.columns.contains(key) { t.columns.append(key) }
            t.rows.append(row)
            tables[table] = t
            for relation in children[table] ?? [] {
                for child in (object[relation.field] as? [[String: Any]]) ?? [] {
                    add(child, to: relation.table, parent: (relation.parentKey, id))
                }
            }
            for single in singles[table] ?? [] {
                if let nested = object[single.field] as? [String: Any] { add(nested, to: single.table, parent: nil) }
            }
        }
        for service in services { add(service, to: "services", parent: nil) }
        for name in tables.keys {
            tables[name]!.columns.sort { a, b in
                a == "id" ? true : b == "id" ? false : a < b
            }
        }
        return tables
    }

    /// A scalar as it is written in a cell; nil for nested objects and lists (which are tables of their own).
    static func cell(_ value: Any) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber:
            ["c", "B"].contains(String(cString: number.objCType)) ? (number.boolValue ? "true" : "false") : number.stringValue
        case is NSNull: ""
        default: nil
        }
    }

    /// A table as CSV text: a header line, then one line a row; fields quoted where they need to be.
    public static func csv(_ table: Table) -> String {
        func quoted(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [table.columns.map(quoted).joined(separator: ",")]
        for row in table.rows {
            lines.append(table.columns.map { quoted(row[$0] ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

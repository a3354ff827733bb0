import AlongsideCore
import Foundation
import Testing

@Suite struct DirectoryQueryTests {
    @Test func orukParametersAreRead() throws {
        let query = try DirectoryQuery(oruk: [
            "search": "walking", "page": "2", "per_page": "20", "day": "TU", "start_time": "10:00",
            "postcode": "la1 1aa", "proximity": "8000", "minimum_age": "65",
            "taxonomy_term_id": SocialPrescribingTaxonomy.terms[0].id.uuidString,
        ])
        #expect(query.text == "walking")
        #expect(query.page == 2 && query.perPage == 20)
        #expect(query.day == .tuesday)
        #expect(query.startTime == TimeOfDay(hour: 10, minute: 0))
        #expect(query.postcode?.value == "LA1 1AA")
        #expect(query.proximity == 8000)
        #expect(query.minimumAge == 65)
        #expect(query.taxonomyTermIDs == [SocialPrescribingTaxonomy.terms[0].id])
    }

    @Test(arguments: [
        ("page", "-1"), ("per_page", "100000"), ("proximity", "abc"), ("day", "Funday"), ("postcode", "nowhere"),
        ("start_time", "25:99"), ("taxonomy_term_id", "walking"), ("modified_after", "last week"), ("minimum_age", "old"),
    ])
    func aBadParameterIsNamedInTheError(_ bad: (String, String)) {
        var parameters = ["postcode": "LA1 1AA"]
        parameters[bad.0] = bad.1
        do {
            _ = try DirectoryQuery(oruk: parameters)
            Issue.record("\(bad.0)=\(bad.1) was accepted")
        } catch let error as FieldError {
            #expect(error.field == bad.0)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func proximityNeedsAPostcode() {
        #expect(throws: FieldError("proximity", "proximity needs a postcode to measure from")) {
            try DirectoryQuery(oruk: ["proximity": "1000"])
        }
    }

    @Test func aBoundingBoxHoldsEveryPointWithinTheDistance() {
        let lancaster = Coordinate(latitude: 54.0466, longitude: -2.8007)
        let box = BoundingBox(around: lancaster, metres: 5_000)
        let carnforth = Coordinate(latitude: 54.1297, longitude: -2.7668)   // about 9.5 km away
        #expect(box.contains(lancaster))
        #expect(!box.contains(carnforth))
        #expect(box.contains(Coordinate(latitude: lancaster.latitude + 0.04, longitude: lancaster.longitude)))
    }

    @Test func theDefaultTaxonomyHasSixteenCategoriesWithFixedIds() {
        #expect(SocialPrescribingTaxonomy.terms.count == 16)
        #expect(SocialPrescribingTaxonomy.terms[0].id.uuidString.lowercased() == "5b1c0a5e-0000-4000-8000-000000000001")
        #expect(SocialPrescribingTaxonomy.term(code: "carers-support")?.name == "Carers' support")
    }
}

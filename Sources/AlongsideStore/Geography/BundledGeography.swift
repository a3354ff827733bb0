import AlongsideCore
import FluentKit
import Foundation

/// The Lancaster district files that ship with Alongside (see Resources/geo/README.md for their sources and
/// licence), loaded through the same importers as the published files.
public enum BundledGeography {
    public static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/geo")!
    }

    public static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// Imports the bundled postcodes, LSOA lookup and deprivation deciles, unless postcodes are already there.
    @discardableResult
    public static func load(on db: any Database) async throws -> Bool {
        let geography = Geography()
        guard try await geography.postcodeCount(on: db) == 0 else {
            // Loaded before wards were kept: the same file read again fills them in.
            if try await PostcodeRecord.query(on: db).filter(\.$ward != nil).count() == 0 {
                _ = try await geography.importPostcodes(
                    CodePointOpen.parse(try text("codepo-lancaster.csv"), source: "codepo-lancaster.csv"), skipInvalid: false, on: db)
            }
            return false
        }
        _ = try await geography.importPostcodes(
            CodePointOpen.parse(try text("codepo-lancaster.csv"), source: "codepo-lancaster.csv"), skipInvalid: false, on: db)
        _ = try await geography.importLSOALookup(
            PostcodeLSOALookup.parse(try text("ons-postcode-lsoa-lancaster.csv"), source: "ons-postcode-lsoa-lancaster.csv"),
            skipInvalid: false, on: db)
        _ = try await geography.importDeprivation(
            DeprivationIndex.parse(try text("imd2019-lancaster.csv"), source: "imd2019-lancaster.csv"), skipInvalid: false, on: db)
        return true
    }
}

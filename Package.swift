// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Alongside",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "alongside", targets: ["alongside"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
    ],
    targets: [
        .target(
            name: "AlongsideCore",
            dependencies: [.product(name: "BigInt", package: "BigInt")],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "AlongsideStore",
            dependencies: [
                "AlongsideCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "AlongsideWeb",
            dependencies: [
                "AlongsideCore",
                "AlongsideStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ],
            resources: [.copy("Public")]
        ),
        .executableTarget(name: "alongside", dependencies: ["AlongsideWeb"]),
        .target(
            name: "AlongsideTestSupport",
            dependencies: [
                "AlongsideStore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            path: "Tests/AlongsideTestSupport"
        ),
        .testTarget(name: "AlongsideCoreTests", dependencies: ["AlongsideCore", .product(name: "BigInt", package: "BigInt")], resources: [.copy("Voice/Fixtures")]),
        .testTarget(
            name: "AlongsideStoreTests",
            dependencies: ["AlongsideStore", "AlongsideCore", "AlongsideTestSupport"]
        ),
        .testTarget(
            name: "AlongsideWebTests",
            dependencies: [
                "AlongsideWeb",
                "AlongsideTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}

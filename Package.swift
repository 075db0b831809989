// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PatchLedger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "patchledger", targets: ["patchledger"]),
        .executable(name: "patchledger-bench", targets: ["patchledger-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.9.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C libraries from the system

        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        /// libmspack reads Microsoft cabinets (wsusscn2.cab, package.cab) without extracting them to disk.
        .systemLibrary(
            name: "CLibMSPack",
            pkgConfig: "libmspack",
            providers: [.apt(["libmspack-dev"])]
        ),

        // MARK: C code of our own

        /// SHA-256 with the x86 SHA extensions, for the digest of every imported file.
        .target(name: "CSHA256"),
        /// SHA-256, incremental, in hardware where the CPU can: kept apart so that Core stays free of C.
        .target(name: "PatchLedgerDigest", dependencies: ["CSHA256"]),

        // MARK: Pipeline: read → store → evaluate → render

        .target(name: "PatchLedgerCore"),
        .target(
            name: "PatchLedgerImport",
            dependencies: ["PatchLedgerCore", "PatchLedgerDigest", "CLibXML2", "CLibMSPack"]
        ),
        .target(
            name: "PatchLedgerStore",
            dependencies: [
                "PatchLedgerCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "PatchLedgerReport",
            dependencies: ["PatchLedgerCore"]
        ),

        // MARK: Use cases: each user task as one entry point, wiring readers to the store and the store to Core

        .target(
            name: "PatchLedgerKit",
            dependencies: ["PatchLedgerCore", "PatchLedgerImport", "PatchLedgerStore"]
        ),

        // MARK: The executables

        /// What both executables share of the command line: exit codes, failures, argument values.
        .target(
            name: "PatchLedgerCLI",
            dependencies: [
                "PatchLedgerCore", "PatchLedgerKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "patchledger",
            dependencies: [
                "PatchLedgerCore", "PatchLedgerImport", "PatchLedgerStore", "PatchLedgerReport", "PatchLedgerCLI",
                "PatchLedgerKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// Real-shaped inputs at any size (fleets, daily histories, captures, WSUS packages), for the benchmarks and
        /// the tests; no part of the `patchledger` product.
        .target(name: "PatchLedgerGenerators", dependencies: ["PatchLedgerCore"]),
        /// The benchmarks: generate real-sized inputs and time the `patchledger` beside it (of the same build) in
        /// child processes, beside a baseline measured in the same run. Not part of the `patchledger` product.
        .executableTarget(
            name: "patchledger-bench",
            dependencies: [
                "PatchLedgerCore", "PatchLedgerImport", "PatchLedgerStore", "PatchLedgerKit", "PatchLedgerCLI",
                "PatchLedgerGenerators", "PatchLedgerDigest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests

        .testTarget(name: "PatchLedgerCoreTests", dependencies: ["PatchLedgerCore"]),
        .testTarget(name: "PatchLedgerDigestTests", dependencies: ["PatchLedgerDigest"]),
        .testTarget(
            name: "PatchLedgerImportTests",
            dependencies: ["PatchLedgerImport", "PatchLedgerDigest"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "PatchLedgerStoreTests",
            dependencies: ["PatchLedgerStore", "PatchLedgerImport", "PatchLedgerKit", "PatchLedgerTestSupport"]
        ),
        /// Saved answers (golden files), shared by the test targets that keep some.
        .target(name: "PatchLedgerTestSupport", path: "Tests/PatchLedgerTestSupport"),
        .testTarget(
            name: "PatchLedgerReportTests",
            dependencies: [
                "PatchLedgerReport", "PatchLedgerKit", "PatchLedgerStore", "PatchLedgerCore", "PatchLedgerTestSupport",
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "patchledgerTests",
            dependencies: [
                "PatchLedgerTestSupport",
                "patchledger", "PatchLedgerKit", "PatchLedgerGenerators", "PatchLedgerDigest",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

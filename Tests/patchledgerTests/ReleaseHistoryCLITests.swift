import Foundation
import Testing

/// `import builds`: each release keeps its product line, so two lines of one build are both recorded.
@Suite struct ReleaseHistoryCLITests {
    /// Windows Server 2025 and Windows 11 24H2 at the same build.UBRs (general availability, then April 2025's
    /// security release), one file each, named as Microsoft's history pages are.
    @Test func twoLinesOfOneBuildAreBothAdded() throws {
        let cli = try CLI()
        let folder = cli.folder.appendingPathComponent("builds")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(
            "LTSC 2025-04 B 2025-04-08 26100.3775 KB5055523\nLTSC 2024-11 A 2024-11-01 26100.1742\n".utf8
        ).write(to: folder.appendingPathComponent("Windows_Server_2025_26100.txt"))
        try Data(
            "GA 2025-04 B 2025-04-08 26100.3775 KB5055523\nGA 2024-10 A 2024-10-01 26100.1742\n".utf8
        ).write(to: folder.appendingPathComponent("Windows_11_24H2_26100.txt"))
        let first = try cli.succeed(["import", "builds", folder.path])
        #expect(first.stdout.contains("2 files: 4 releases added, 0 changed, 0 unchanged"), "\(first.stdout)")
        #expect(first.stdout.contains("Windows_Server_2025_26100.txt: 2 releases of Windows Server 2025: 2 added"))
        #expect(first.stdout.contains("Windows_11_24H2_26100.txt: 2 releases of Windows 11 Version 24H2: 2 added"))
        let again = try cli.succeed(["import", "builds", folder.path])
        #expect(again.stdout.contains("2 files: 0 releases added, 0 changed, 4 unchanged"), "\(again.stdout)")
        // A row corrected in place (another date, the same line, build.UBR and KB) is said to have changed.
        try Data(
            "GA 2025-04 B 2025-04-09 26100.3775 KB5055523\nGA 2024-10 A 2024-10-01 26100.1742\n".utf8
        ).write(to: folder.appendingPathComponent("Windows_11_24H2_26100.txt"))
        let corrected = try cli.succeed(["import", "builds", folder.path])
        #expect(corrected.stdout.contains("2 files: 0 releases added, 1 changed, 3 unchanged"), "\(corrected.stdout)")

        // A file that names no line, of a build two lines share: refused, naming the row, nothing recorded.
        let bare = cli.folder.appendingPathComponent("history.txt")
        try Data("LTSC 2025-05 B 2025-05-13 26100.4061 KB5058411\n".utf8).write(to: bare)
        let refused = try cli.run(["import", "builds", bare.path])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains("history.txt:1: expected the product line of its releases"), "\(refused.stderr)")
        #expect(refused.stderr.contains("build 26100, which is Windows Server 2025 or Windows 11 Version 24H2"))
        #expect(
            try cli.succeed(["import", "builds", "--product", "Windows Server 2025", bare.path]).stdout.contains(
                "1 releases added"))
    }

    /// Every row of Microsoft's release history of each version is added: none counted as held already because another
    /// product has the same build (Windows Server 2025 lost 16 of its 17 rows to Windows 11 24H2 that way).
    @Test(.enabled(if: GoldenScanTests.sharedHas("builds"), "../shared/data/builds is absent"))
    func everyRowOfEveryRealHistoryIsAdded() throws {
        let cli = try CLI()
        let folder = GoldenScanTests.shared.appendingPathComponent("builds")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        var rows = 0
        for name in files {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            rows +=
                text.split(whereSeparator: \.isNewline).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .count
        }
        let result = try cli.succeed(["import", "builds", folder.path])
        #expect(
            result.stdout.contains("\(files.count) files: \(rows) releases added, 0 changed, 0 unchanged"),
            "\(result.stdout)")
        #expect(result.stdout.contains("Windows_Server_2025_26100.txt: 17 releases of Windows Server 2025: 17 added"))
    }
}

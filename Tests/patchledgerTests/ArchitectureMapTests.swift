import Foundation
import Testing

/// ARCHITECTURE.md's module table says what each module may import: the tree must import exactly that.
@Suite struct ArchitectureMapTests {
    /// Imports of the platform, which the map does not list.
    static let platform: Set<String> = [
        "Foundation", "FoundationNetworking", "Dispatch", "Glibc", "Darwin", "Synchronization",
    ]

    /// The modules a name of the map stands for: a short name is PatchLedger's (`Core`), GRDB comes as two.
    static func modules(_ name: String) -> [String] {
        switch name {
        case "nothing": []
        case "GRDB": ["GRDB", "GRDBSQLite"]
        case "Core", "Digest", "Import", "Store", "Report", "Kit", "CLI", "Generators": ["PatchLedger" + name]
        default: [name]
        }
    }

    /// Module → what the map says it imports.
    static func map() throws -> [String: Set<String>] {
        let text = try String(contentsOf: CLI.root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        var map: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
            }
            let imports = cells[cells.count - 2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            map[cells[1]] = Set(imports.flatMap(modules))
        }
        return map
    }

    /// Module → what its Swift files import, platform aside; only folders that hold Swift.
    static func tree() throws -> [String: Set<String>] {
        let sources = CLI.root.appendingPathComponent("Sources")
        var tree: [String: Set<String>] = [:]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let folder = sources.appendingPathComponent(module)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            var imports: Set<String>?
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                var found = imports ?? []
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                        words[..<index].allSatisfy({ $0.hasPrefix("@") || $0 == "#if" })
                    else { continue }
                    found.insert(String(words[index + 1]))
                }
                imports = found
            }
            if let imports { tree[module] = imports.subtracting(platform) }
        }
        return tree
    }

    @Test func everyModuleImportsWhatTheMapSaysAndNothingElse() throws {
        let (map, tree) = (try Self.map(), try Self.tree())
        #expect(map.count >= 10, "the table was read: \(map.keys.sorted())")
        #expect(Set(map.keys) == Set(tree.keys), "modules in the map and in Sources/")
        for (module, imports) in tree.sorted(by: { $0.key < $1.key }) {
            guard let said = map[module] else { continue }
            #expect(imports == said, "\(module) imports \(imports.sorted()), the map says \(said.sorted())")
        }
    }
}

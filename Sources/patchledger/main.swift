import Foundation
import PatchLedgerImport
for path in CommandLine.arguments.dropFirst() {
    do {
        let r = try CVRFReader.read(URL(fileURLWithPath: path))
        let d = r.document
        print(path, d.id, d.revision, d.initialRelease as Any, d.currentRelease as Any, d.products.count, d.vulnerabilities.count, d.vulnerabilities.map(\.remediations.count).reduce(0,+), r.sha256)
        r.diagnostics.prefix(8).forEach { print("  ", $0) }
    } catch { print("Error:", error) }
}

import ArgumentParser
import Foundation
import PatchLedgerCLI
import PatchLedgerDigest

/// Why SHA-256 is C of our own: every imported file is hashed as it streams, and the x86 SHA extensions are
/// several times faster than portable code. This measures both paths beside `sha256sum` on the same bytes.
struct BenchDigest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sha256",
        abstract: "Time SHA-256 of a file in hardware and in portable code, beside sha256sum (the baseline).")

    @Argument(help: "The file to hash (a package.xml is the real case).") var file: String
    @Option(help: "Times to hash it each way; medians are printed.") var runs = 3

    func run() async throws {
        try exitingOnError {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            let megabytes = Double(bytes.count) / 1_048_576
            func median(_ body: () throws -> Void) rethrows -> Double {
                var times: [Double] = []
                for _ in 0..<max(1, runs) {
                    let start = Date()
                    try body()
                    times.append(Date().timeIntervalSince(start))
                }
                return times.sorted()[times.count / 2]
            }
            func hash(hardware: Bool) -> String {
                var hasher = SHA256(hardware: hardware)
                // In 64 KB pieces, as the readers feed it.
                bytes.withUnsafeBytes { all in
                    var offset = 0
                    while offset < all.count {
                        let end = min(all.count, offset + 65_536)
                        hasher.update(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                        offset = end
                    }
                }
                return hasher.finalizeHex()
            }
            let baseline = try median {
                let result = try ChildProcess.measure("sha256sum", [file])
                guard result.status == 0 else { throw ValidationFailure("sha256sum exited \(result.status)") }
            }
            print(String(format: "%@: %.1f MB", file, megabytes))
            print(String(format: "sha256sum (baseline)  %7.3f s  %7.1f MB/s", baseline, megabytes / baseline))
            for (name, hardware) in [("hardware", true), ("portable", false)] {
                guard hardware == false || SHA256.hardwareAvailable else {
                    print("hardware              (this CPU has no SHA extensions)")
                    continue
                }
                let seconds = median { _ = hash(hardware: hardware) }
                print(
                    String(
                        format: "%@  %7.3f s  %7.1f MB/s", name.padding(toLength: 20, withPad: " ", startingAt: 0),
                        seconds, megabytes / seconds))
            }
        }
    }
}

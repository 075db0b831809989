import Foundation

/// Microsoft cabinets made in the tests with gcab (Debian's `gcab`) from the project's own fixtures.
public enum Cabinets {
    /// gcab's path, when it is installed.
    public static let gcab = ["/usr/bin/gcab", "/usr/local/bin/gcab"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Makes `cabinet` in `folder` of `members`, paths relative to it and stored as given (`x/40000005`);
    /// MSZIP-compressed, or stored as they are.
    public static func make(_ cabinet: String, of members: [String], in folder: URL, compressed: Bool = true) throws {
        guard let gcab else { throw Failure(description: "gcab is not installed (apt-get install gcab)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gcab)
        process.arguments = ["-c"] + (compressed ? ["-z"] : []) + [cabinet] + members
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "gcab \(cabinet) exited \(process.terminationStatus)")
        }
    }
}

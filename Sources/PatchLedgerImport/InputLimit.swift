import Foundation

/// The largest file each kind of input may be: far above any real one (a CVRF month is under 5 MB, a
/// systeminfo capture under 200 KB), so a wrong path (a disk image, a log) fails at once with its size instead
/// of filling memory or the ledger. `PATCHLEDGER_MAX_FILE_MB` sets one limit for every kind.
public enum InputLimit: Sendable {
    case cvrfDocument, wsusPackage, wsusFragment, inventory, fleetManifest, releaseHistory, ignoreFile

    /// What the limit applies to, for the error.
    var name: String {
        switch self {
        case .cvrfDocument: "a CVRF document"
        case .wsusPackage: "a WSUS package.xml"
        case .wsusFragment: "a WSUS metadata fragment"
        case .inventory: "an inventory file"
        case .fleetManifest: "a fleet manifest"
        case .releaseHistory: "a release history"
        case .ignoreFile: "an ignore file"
        }
    }

    /// The default, in MB.
    var defaultMegabytes: Int {
        switch self {
        case .cvrfDocument: 256
        case .wsusPackage: 8_192  // package.xml of the real wsusscn2.cab is about 1 GB
        case .wsusFragment: 16
        case .inventory: 8_192  // one JSON of a large fleet's scans
        case .fleetManifest: 1_024
        case .releaseHistory, .ignoreFile: 64
        }
    }

    /// The limit in bytes: `PATCHLEDGER_MAX_FILE_MB` when set to a positive number, else the default.
    var bytes: Int { (Self.overrideMegabytes ?? defaultMegabytes) << 20 }

    /// Read once: a folder of 10,000 captures checks 10,000 files.
    private static let overrideMegabytes = ProcessInfo.processInfo.environment["PATCHLEDGER_MAX_FILE_MB"]
        .flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
}

extension InputFiles {
    /// Refuses what must not be read: a FIFO, device or socket (the read would block forever), and a file over
    /// `limit`. Called before anything opens the file.
    ///
    /// - Throws: `ImportError.unreadable` naming the file and why.
    static func check(_ url: URL, displayName: String, limit: InputLimit) throws {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw ImportError.unreadable(file: displayName, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw ImportError.unreadable(file: displayName, reason: "not a regular file (a FIFO, device or socket)")
        }
        guard Int(status.st_size) <= limit.bytes else {
            throw ImportError.unreadable(
                file: displayName,
                reason: "\(Int(status.st_size) >> 20) MB, over the \(limit.bytes >> 20) MB limit for \(limit.name) "
                    + "(PATCHLEDGER_MAX_FILE_MB raises it)")
        }
    }
}

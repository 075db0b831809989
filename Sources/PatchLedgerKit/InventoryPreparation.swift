import Foundation
import PatchLedgerCore
import PatchLedgerImport

/// Everything done to an inventory file before the ledger sees it: read, complete from the command line
/// and the file's context, fingerprint. Independent per file, so it runs off the writer's thread.
public struct InventoryPreparation: Sendable {
    public init(
        format: InventoryFormat? = nil, vm: String? = nil, scannedAt: Timestamp? = nil, osName: String? = nil,
        version: OSVersion? = nil, architecture: Architecture? = nil
    ) {
        self.format = format
        self.vm = vm
        self.scannedAt = scannedAt
        self.osName = osName
        self.version = version
        self.architecture = architecture
    }

    /// One file, ready to store.
    public struct Prepared: Sendable {
        public var file: String
        public var sha256: String
        public var snapshots: [(snapshot: InventorySnapshot, fingerprint: String)]
        public var warnings: [Diagnostic]
        /// A big file read a batch at a time (`chunk(of:)`), instead of `snapshots`.
        public var stream: Stream?
    }

    /// A big inventory file, and what completes its records.
    public struct Stream: Sendable {
        public var records: InventoryStream
        public var defaults: SnapshotDefaults
    }

    /// Records completed per batch of a streamed file: enough to keep the writer busy, few enough that memory
    /// stays flat.
    public static let recordsPerChunk = 4096

    public var format: InventoryFormat?
    public var vm: String?
    public var scannedAt: Timestamp?
    public var osName: String?
    public var version: OSVersion?
    public var architecture: Architecture?

    public func prepare(_ url: URL) -> Result<Prepared, Error> {
        Result {
            let name = url.relativePath
            if let records = try InventoryStream.open(url, displayName: name, format: format) {
                return Prepared(
                    file: name, sha256: records.sha256, snapshots: [], warnings: [],
                    stream: Stream(records: records, defaults: defaults(for: url)))
            }
            let read = try InventoryReader.read(url, displayName: name, format: format)
            let defaults = defaults(for: url)
            var prepared = Prepared(
                file: name, sha256: read.sha256, snapshots: [], warnings: read.diagnostics)
            for snapshot in read.snapshots {
                let (completed, notes) = snapshot.completed(with: defaults)
                prepared.warnings += notes.map { Self.warning($0, file: name) }
                prepared.snapshots.append((completed, completed.fingerprint))
            }
            return prepared
        }
    }

    /// The next batch of a streamed file, completed and fingerprinted; empty after the last.
    public func chunk(of stream: Stream) throws -> Prepared {
        var prepared = Prepared(file: stream.records.file, sha256: stream.records.sha256, snapshots: [], warnings: [])
        let snapshots = try stream.records.next(upTo: Self.recordsPerChunk)
        prepared.warnings = stream.records.takeDiagnostics()
        for snapshot in snapshots {
            let (completed, notes) = snapshot.completed(with: stream.defaults)
            prepared.warnings += notes.map { Self.warning($0, file: prepared.file) }
            prepared.snapshots.append((completed, completed.fingerprint))
        }
        return prepared
    }

    /// A note on completing a snapshot, as a warning of its kind.
    private static func warning(_ note: CompletionNote, file: String) -> Diagnostic {
        Diagnostic(file: file, line: 0, message: note.message, kind: note.kind)
    }

    /// The command line's facts, else the file's name (without extension) and modification time.
    private func defaults(for url: URL) -> SnapshotDefaults {
        var time = scannedAt
        if time == nil,
            let modified = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
        {
            time = Timestamp(secondsSinceEpoch: Int64(modified.timeIntervalSince1970.rounded(.down)))
        }
        return SnapshotDefaults(
            vm: vm ?? url.deletingPathExtension().lastPathComponent,
            scannedAt: time ?? Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), osName: osName,
            version: version, architecture: architecture, vmIsFileName: vm == nil, scannedAtIsFileTime: scannedAt == nil
        )
    }
}

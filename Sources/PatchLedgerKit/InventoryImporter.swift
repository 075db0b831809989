import Foundation
import PatchLedgerCore
import PatchLedgerImport
import PatchLedgerStore

/// Wires the inventory readers to the ledger: all files of one run go into one transaction.
public struct InventoryImporter {
    public struct Report {
        /// One line per snapshot read, for stdout.
        public var lines: [String] = []
        public var warnings: [Diagnostic] = []
        /// Files skipped under `--keep-going`, with the reason.
        public var failures: [String] = []
        public var files = 0
        public var added = 0
        public var unchanged = 0

        public var summary: String {
            "\(files) files: \(added) snapshots added, \(unchanged) unchanged, \(failures.count) files failed"
        }
    }

    public var preparation: InventoryPreparation
    public var keepGoing = false
    public var progress: ProgressSink
    /// Whether `Report.lines` lists each snapshot (not for `--quiet`: a fleet's file holds hundreds of thousands).
    public var listsSnapshots = true

    public init(
        preparation: InventoryPreparation, keepGoing: Bool = false, progress: ProgressSink, listsSnapshots: Bool = true
    ) {
        self.preparation = preparation
        self.keepGoing = keepGoing
        self.progress = progress
        self.listsSnapshots = listsSnapshots
    }

    /// - Throws: the first bad file's error unless `keepGoing`; then nothing of the run is written.
    public func run(paths: [String], into ledger: Ledger) throws -> Report {
        let files = try InventoryReader.files(in: paths)
        var report = Report()
        if files.isEmpty {
            report.warnings.append(Diagnostic(file: paths.joined(separator: ", "), line: 0, message: "no files"))
        }
        let batches = stride(from: 0, to: files.count, by: 64).map { Array(files[$0..<min($0 + 64, files.count)]) }
        let preparation = preparation
        // Pipelined: while the ledger's one writer stores a batch, the next batch is read on the other cores.
        func start(_ index: Int) -> Pending<[Result<InventoryPreparation.Prepared, Error>]>? {
            guard index < batches.count else { return nil }
            let batch = batches[index]
            return Pending { batch.concurrentMap { preparation.prepare($0) } }
        }
        // Hosts read so far: a later file's capture of a host that is another machine is refused, not merged.
        var machines = RunMachines()
        // The findings follow the snapshots in the same transaction: both commit, or neither.
        try ledger.importingInventory(savepoints: keepGoing) { session in
            var next = start(0)
            var index = 0
            while let pending = next {
                let results = pending.wait()
                next = start(index + 1)
                index += 1
                for result in results {
                    progress.update(
                        files: report.files + report.failures.count, of: files.count,
                        snapshots: report.added + report.unchanged)
                    let prepared: InventoryPreparation.Prepared
                    do {
                        prepared = try result.get()
                    } catch let error as ImportError where keepGoing {
                        report.failures.append(error.description)
                        continue
                    }
                    machines.beginFile()
                    func storeFile() throws {
                        if let stream = prepared.stream {
                            try storeStream(stream, into: session, report: &report, machines: &machines)
                        } else {
                            try store(prepared, into: session, report: &report, machines: &machines)
                        }
                    }
                    do {
                        // A file that fails midway under --keep-going leaves nothing behind. Without it, a failure
                        // ends the transaction: no savepoint is needed, and none is paid for.
                        if keepGoing { try session.withinSavepoint(storeFile) } else { try storeFile() }
                    } catch let error as ImportError where keepGoing {
                        machines.forgetFile()
                        report.failures.append(error.description)
                    }
                }
            }
        }
        progress.finish()
        return report
    }

    /// Stores a file's snapshots (or a streamed file's batch), none of them when one is of a host another file
    /// showed to be a different machine.
    private func store(
        _ prepared: InventoryPreparation.Prepared, into session: InventoryImport, report: inout Report,
        machines: inout RunMachines, counting: Bool = true
    ) throws {
        for (snapshot, _) in prepared.snapshots {
            if let conflict = machines.claim(snapshot, file: prepared.file) {
                throw ImportError.sameHostOtherMachine(file: prepared.file, reason: conflict)
            }
        }
        if counting { report.files += 1 }
        report.warnings += prepared.warnings
        for (snapshot, fingerprint) in prepared.snapshots {
            let outcome = try session.add(
                snapshot, fingerprint: fingerprint, sourcePath: prepared.file, sha256: prepared.sha256)
            if outcome == .added { report.added += 1 } else { report.unchanged += 1 }
            if listsSnapshots { report.lines.append(Self.line(snapshot, file: prepared.file, outcome: outcome)) }
        }
    }

    /// A big file, a batch of records at a time: the next batch is read and completed on another thread while
    /// this one is stored. A bad record fails the file, and what it stored is rolled back by the caller.
    private func storeStream(
        _ stream: InventoryPreparation.Stream, into session: InventoryImport, report: inout Report,
        machines: inout RunMachines
    ) throws {
        let preparation = preparation
        func next() -> Pending<Result<InventoryPreparation.Prepared, Error>> {
            Pending { Result { try preparation.chunk(of: stream) } }
        }
        let counts = (report.added, report.unchanged, report.lines.count, report.warnings.count)
        var pending = next()
        do {
            while true {
                let chunk = try pending.wait().get()
                guard !chunk.snapshots.isEmpty else { break }
                pending = next()
                try store(chunk, into: session, report: &report, machines: &machines, counting: false)
                progress.update(file: stream.records.file, snapshots: report.added + report.unchanged)
            }
        } catch {
            (report.added, report.unchanged) = (counts.0, counts.1)
            report.lines.removeLast(report.lines.count - counts.2)
            report.warnings.removeLast(report.warnings.count - counts.3)
            throw error
        }
        report.files += 1
    }

    private static func line(_ snapshot: InventorySnapshot, file: String, outcome: InventoryImport.Outcome) -> String {
        let os = snapshot.product ?? snapshot.osName ?? "no OS stated"
        let build = snapshot.version.map { " \($0)" } ?? ""
        return "\(file): \(snapshot.vm ?? "?") \(snapshot.scannedAt?.description ?? "?") \(snapshot.format), "
            + "\(os)\(build), \(snapshot.kbs.count) KBs: \(outcome.rawValue)"
    }
}

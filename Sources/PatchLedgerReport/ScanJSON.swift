import PatchLedgerCore

/// The `scan` JSON (README, "Scan"), written with `JSONWriter`: the same document `JSONEncoder` would give
/// `FleetScan` (sorted keys, `nil`s left out), at a speed that suits 100,000-VM fleets.
public enum ScanJSON {
    /// Writes the document to `sink` a few megabytes at a time, so memory stays flat whatever the fleet size.
    /// VMs are rendered in parallel chunks, handed to `sink` in order as they are ready.
    public static func write(_ scan: FleetScan, to sink: ([UInt8]) -> Void) async {
        var json = JSONWriter(capacity: 1 << 16)
        json.beginObject()
        json.member("asOf", scan.asOf)
        json.member("schemaVersion", JSONOutput.schemaVersion)
        json.key("summary")
        summary(scan.summary, into: &json)
        json.key("vms")
        json.beginArray()
        sink(json.bytes)
        let tables = Tables(scan.catalog)
        let chunk = 32
        let chunks = (scan.vms.count + chunk - 1) / chunk
        // At most `window` chunks rendered and not yet written: every core busy, memory bounded.
        let window = 8
        await withTaskGroup(of: (Int, [UInt8]).self) { group in
            var submitted = 0
            var written = 0
            var ready: [Int: [UInt8]] = [:]
            func submit() {
                while submitted < chunks && submitted - written < window {
                    let index = submitted
                    let range = index * chunk..<min(scan.vms.count, (index + 1) * chunk)
                    group.addTask { (index, vms(scan.vms[range], first: index == 0, tables: tables)) }
                    submitted += 1
                }
            }
            submit()
            while let (index, bytes) = await group.next() {
                ready[index] = bytes
                while let part = ready.removeValue(forKey: written) {
                    sink(part)
                    written += 1
                }
                submit()
            }
        }
        json = JSONWriter(nestedIn: 2, first: scan.vms.isEmpty)
        json.endArray()
        json.endObject()
        sink(json.bytes)
    }

    /// The whole document at once, for small scans and tests.
    public static func render(_ scan: FleetScan) async -> String {
        var out: [UInt8] = []
        await write(scan) { out += $0 }
        return String(decoding: out, as: UTF8.self)
    }

    /// What every VM's updates repeat, encoded once: CVE names, and each update's own members.
    private struct Tables: Sendable {
        var cves: EncodedStrings
        /// Per update (`UpdateRef.index`): `classification` and `component`, which follow `ageDays`.
        var first: EncodedStrings
        /// Per update (`UpdateRef.index`): `kb`, `released`, `restartRequired`, which follow `cves`.
        var middle: EncodedStrings
        /// Per update: `subtype`, `supersedes`, `title`, which follow `severity` (or `kb`).
        var last: EncodedStrings
        /// The keys an update writes for itself, each with what comes before it: `ageDays` (its first member),
        /// then `covers` and `cves`; and its `severity` member by rank (`0`: none).
        var keys: EncodedStrings
        var severities: EncodedStrings
        static let (ageKey, coversKey, cvesKey) = (0, 1, 2)

        init(_ catalog: CompiledCatalog) {
            cves = EncodedStrings(catalog.cveNames)
            let updates = (0..<catalog.updateCount).map { catalog.update(at: $0) }
            // Encoded at the depth of an update's members (document, vms, VM, missing, update), each run after
            // a member already written.
            first = EncodedStrings(count: updates.count, nestedIn: 5) { index, json in
                json.member("classification", updates[index].update.classification)
                json.member("component", updates[index].update.component)
            }
            keys = EncodedStrings(
                entries: [("ageDays", true), ("covers", false), ("cves", false)].map { name, first in
                    var json = JSONWriter(nestedIn: 5, first: first)
                    json.key(name)
                    return json.bytes
                })
            severities = EncodedStrings(
                entries: (0...4).map { rank in
                    var json = JSONWriter(nestedIn: 5, first: false)
                    json.member("severity", Severity(rawValue: rank)?.description)
                    return json.bytes
                })
            middle = EncodedStrings(count: updates.count, nestedIn: 5) { index, json in
                let update = updates[index].update
                json.member("kb", update.kb.description)
                json.member("released", update.released?.description)
                json.member("restartRequired", update.restartRequired)
            }
            last = EncodedStrings(count: updates.count, nestedIn: 5) { index, json in
                let (update, supersedes) = updates[index]
                json.member("subtype", update.subtype)
                json.member("supersedes", strings: supersedes)
                json.member("title", update.title)
            }
        }
    }

    /// Elements of the `vms` array.
    private static func vms(_ vms: ArraySlice<FleetScan.VMResult>, first: Bool, tables: Tables) -> [UInt8] {
        var json = JSONWriter(nestedIn: 2, first: first, capacity: 1 << 20)
        for vm in vms {
            json.element()
            json.beginObject()
            json.member("build", vm.build)
            json.key("componentUpdates")
            updates(of: vm, componentUpdates: true, tables: tables, into: &json)
            // Keys in sorted order, as `JSONOutput` writes them; nothing exploited is left out.
            json.member("exploitedCves", vm.exploitedCves == 0 ? nil : vm.exploitedCves)
            json.member("group", vm.group)
            let ignored = vm.ignored
            if !ignored.isEmpty {
                json.key("ignored")
                json.beginArray()
                for (update, entry) in ignored {
                    json.element()
                    json.beginObject()
                    json.member("entry", entry.position)
                    json.member("kb", update.kb)
                    json.member("reason", entry.reason)
                    json.member("severity", update.severity)
                    json.member("until", entry.until?.description)
                    json.endObject()
                }
                json.endArray()
            }
            json.member("image", vm.image)
            json.key("missing")
            updates(of: vm, componentUpdates: false, tables: tables, into: &json)
            json.member("oldestMissingDays", vm.oldestMissingDays)
            json.member("openCves", vm.openCves)
            json.member("product", vm.product)
            json.member("scannedAt", vm.scannedAt)
            json.member("status", vm.status.rawValue)
            json.member("vm", vm.vm)
            json.endObject()
        }
        return json.bytes
    }

    private static func updates(
        of vm: FleetScan.VMResult, componentUpdates: Bool, tables: Tables, into json: inout JSONWriter
    ) {
        json.beginArray()
        var cves: [Int32] = []
        vm.forEachUpdate(componentUpdates: componentUpdates) { reference in
            // Members from what was encoded once per update, key or rank, in `JSONWriter`'s layout; only the
            // age, the covered KBs and the CVEs are written here.
            let index = reference.index
            json.element()
            json.beginObject()
            if let age = reference.ageDays {
                json.members(from: tables.keys, Tables.ageKey)
                json.number(age)
                json.members(from: tables.first, index)
                json.members(from: tables.keys, Tables.coversKey)
            } else {
                // No dated member: what comes first is not known in advance.
                json.member("classification", reference.classification)
                json.member("component", reference.component)
                json.key("covers")
            }
            json.strings(reference.covers)
            reference.cves(into: &cves)
            json.members(from: tables.keys, Tables.cvesKey)
            json.strings(from: tables.cves, cves)
            json.member("cvss", score: reference.cvss)
            json.member("exploited", reference.exploited ? true : nil)
            json.members(from: tables.middle, index)
            json.members(from: tables.severities, Int(reference.severity?.rawValue ?? 0))
            json.members(from: tables.last, index)
            json.endObject()
        }
        json.endArray()
    }

    private static func summary(_ summary: FleetScan.Summary, into json: inout JSONWriter) {
        json.beginObject()
        // Keys in sorted order, as `JSONOutput` writes them.
        json.member("compliant", summary.compliant)
        json.member("distinctOpenCves", summary.distinctOpenCves)
        json.member("evaluated", summary.evaluated)
        json.member("exposedToExploited", summary.exposedToExploited)
        json.member("ignoredUpdates", summary.ignoredUpdates)
        json.member("noScan", strings: summary.noScan)
        json.key("nonCompliant")
        counts(summary.nonCompliant, into: &json)
        json.key("patchAge")
        counts(summary.patchAge, into: &json)
        json.member("scanned", summary.scanned)
        json.member("unknownProduct", strings: summary.unknownProduct)
        json.member("vms", summary.vms)
        json.endObject()
    }

    private static func counts(_ counts: [String: Int], into json: inout JSONWriter) {
        json.beginObject()
        for (key, value) in counts.sorted(by: { $0.key < $1.key }) { json.member(key, value) }
        json.endObject()
    }
}

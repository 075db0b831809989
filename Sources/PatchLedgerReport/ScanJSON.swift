import PatchLedgerCore

/// The `scan` JSON (README, "Scan"), written with `JSONWriter`: the same document `JSONEncoder` would give
/// `FleetScan` (sorted keys, `nil`s left out), at a speed that suits 100,000-VM fleets.
public enum ScanJSON {
    /// Writes the document to `sink` a few megabytes at a time, so memory stays flat whatever the fleet size.
    /// VMs are rendered in parallel chunks, written in order.
    public static func write(_ scan: FleetScan, to sink: ([UInt8]) -> Void) async {
        var json = JSONWriter(capacity: 1 << 16)
        json.beginObject()
        json.member("asOf", scan.asOf)
        json.key("summary")
        summary(scan.summary, into: &json)
        json.key("vms")
        json.beginArray()
        sink(json.bytes)
        let cves = EncodedStrings(scan.catalog.cveNames)
        let chunk = 128
        // A window of chunks at a time: every core busy, a bounded part of the output in memory.
        let window = chunk * 16
        for start in stride(from: 0, to: scan.vms.count, by: window) {
            let end = min(scan.vms.count, start + window)
            let parts = await withTaskGroup(of: (Int, [UInt8]).self) { group in
                for first in stride(from: start, to: end, by: chunk) {
                    group.addTask {
                        (first, vms(scan.vms[first..<min(end, first + chunk)], first: first == 0, cves: cves))
                    }
                }
                var parts: [Int: [UInt8]] = [:]
                for await (first, bytes) in group { parts[first] = bytes }
                return parts
            }
            for key in parts.keys.sorted() { sink(parts[key] ?? []) }
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

    /// Elements of the `vms` array.
    private static func vms(_ vms: ArraySlice<FleetScan.VMResult>, first: Bool, cves: EncodedStrings) -> [UInt8] {
        var json = JSONWriter(nestedIn: 2, first: first, capacity: 1 << 20)
        for vm in vms {
            json.element()
            json.beginObject()
            json.member("build", vm.build)
            json.key("componentUpdates")
            updates(of: vm, componentUpdates: true, cves: cves, into: &json)
            json.member("group", vm.group)
            json.member("image", vm.image)
            json.key("missing")
            updates(of: vm, componentUpdates: false, cves: cves, into: &json)
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
        of vm: FleetScan.VMResult, componentUpdates: Bool, cves: EncodedStrings, into json: inout JSONWriter
    ) {
        json.beginArray()
        vm.forEachUpdate(componentUpdates: componentUpdates) { reference in
            let update = reference.update
            json.element()
            json.beginObject()
            json.member("ageDays", reference.ageDays)
            json.member("classification", update.classification)
            json.member("component", update.component)
            json.member("covers", strings: reference.covers)
            json.member("cves", stringsFrom: cves, reference.forEachCVE)
            json.member("kb", update.kb.description)
            json.member("released", update.released?.description)
            json.member("restartRequired", update.restartRequired)
            json.member("severity", reference.severity?.description)
            json.member("subtype", update.subtype)
            json.member("supersedes", strings: reference.supersedes)
            json.member("title", update.title)
            json.endObject()
        }
        json.endArray()
    }

    private static func summary(_ summary: FleetScan.Summary, into json: inout JSONWriter) {
        json.beginObject()
        json.member("compliant", summary.compliant)
        json.member("evaluated", summary.evaluated)
        json.member("noScan", strings: summary.noScan)
        json.key("nonCompliant")
        counts(summary.nonCompliant, into: &json)
        json.member("openCves", summary.openCves)
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

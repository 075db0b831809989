extension CompiledCatalog {
    /// Why `kb` is or is not among what a VM in `state` must install (`scan --explain`): one sentence, from the
    /// same rules the evaluation applies, in the order they decide.
    public func explain(_ kb: KB, for state: VMState) -> String {
        guard let product = product(named: state.product) else {
            return "not judged: the catalog does not know \(state.product)"
        }
        let p = products[product]
        guard let global = kbIndex[kb.number].map(Int.init), let id = p.localID(global) else {
            return "not in the answer: the catalog lists no \(kb) for \(p.name) released by \(policy.asOf) in the "
                + "classifications scanned"
        }
        switch p.kind[id] {
        case .setupDynamicUpdate:
            return "never in the answer: a Setup Dynamic Update, for installation media and feature upgrades, "
                + "never installed on a running OS"
        case .hotpatch where !state.hotpatch:
            return "not in the answer: a hotpatch, for VMs enrolled in hotpatching (manifest tag hotpatch=true); "
                + "a cumulative update covers it here"
        default:
            break
        }
        if state.installed.contains(kb) { return "installed" }
        if let replacing = installed(replacing: id, in: p, state: state) {
            return "not needed: replaced by \(replacing), installed (the catalog's supersedence)"
        }
        let key = key(product: product, version: state.version, installed: state.installed, hotpatch: state.hotpatch)
        if p.component[id] >= 0 && !Bits.contains(key.bits, p.words * 64 + Int(p.component[id])) {
            return "listed apart (componentUpdates): an update of \(p.components[Int(p.component[id])]), which the "
                + "VM does not show (no update of it installed), so its applicability is unverified"
        }
        if Bits.contains(key.bits, id) {
            return "not needed: the VM's build is at or above the update's FixedBuild, or the VM has a newer "
                + "cumulative update, rollup or update of its servicing line that covers it"
        }
        var scratch = Scratch()
        let outcome = evaluate(key, scratch: &scratch)
        for (fold, section) in outcome.missing.map({ ($0, "to install") })
            + outcome.componentUpdates.map({ ($0, "a component update to check") })
        {
            let members = outcome.members(of: fold)
            guard members.contains(Int32(id)), let root = members.first.map(Int.init) else { continue }
            if root == id {
                let covered = members.count - 1
                return covered == 0
                    ? section : "\(section), covering \(covered) older update\(covered == 1 ? "" : "s") the VM lacks"
            }
            return "covered by \(KB(p.kb[root])), \(section), which makes it unnecessary"
        }
        return "not needed: every CVE it fixes is closed by an update the VM has (an alternative fix, such as a "
            + "Security-Only update beside a rollup)"
    }

    /// An installed KB whose supersedence closure holds update `id` of `p`.
    private func installed(replacing id: Int, in p: CompiledProduct, state: VMState) -> KB? {
        state.installed.sorted().first { kb in
            guard let global = kbIndex[kb.number].map(Int.init) else { return false }
            let offset = Int(p.closureOffset[global])
            return offset >= 0 && p.closureWords[offset + id >> 6] & (1 << UInt64(id & 63)) != 0
        }
    }
}

/// The machines one import run has read, by VM name. A file is one capture: a VM that another file of the run
/// showed to be a different machine is a conflict, never merged into one VM with invented drift. Records of one
/// file are the user's own history of a VM (a JSON fleet file), where a rebuild may change the facts, but not of
/// two hosts (`--vm` given to a file of many).
public struct RunMachines: Sendable {
    private var seen: [String: (file: String, identity: MachineIdentity)] = [:]
    /// The VMs the file being stored named first: what `forgetFile` undoes. A copy of `seen` per file, kept to
    /// undo a failed file, cost a copy of the whole run's machines per file (100,000 files: minutes).
    private var namedByFile: [String] = []

    public init() {}

    /// A file's snapshots are about to be claimed.
    public mutating func beginFile() {
        namedByFile.removeAll(keepingCapacity: true)
    }

    /// Forgets the machines the file begun last named first: it failed and is skipped (`--keep-going`).
    public mutating func forgetFile() {
        for vm in namedByFile { seen[vm] = nil }
        namedByFile.removeAll(keepingCapacity: true)
    }

    /// Records the snapshot's machine, or says why it is not the machine another file showed under its name.
    public mutating func claim(_ snapshot: InventorySnapshot, file: String) -> String? {
        guard let vm = snapshot.vm else { return nil }
        guard let known = seen[vm] else {
            seen[vm] = (file, MachineIdentity(snapshot))
            namedByFile.append(vm)
            return nil
        }
        // Within one file only the host counts: the hot path of a fleet's daily history, a lookup and a compare.
        if known.file == file && (snapshot.host == known.identity.host || snapshot.host == nil) { return nil }
        guard let difference = MachineIdentity(snapshot).difference(from: known.identity),
            known.file != file || difference.hasPrefix("host ")
        else { return nil }
        let other = known.file == file ? "another capture of this file" : known.file
        return "VM \(vm) is also \(other), a different machine (\(difference)): not merged; "
            + "import each with its own --vm NAME"
    }
}

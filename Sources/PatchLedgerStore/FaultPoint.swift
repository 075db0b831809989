import Foundation

/// Named moments inside an import where the fault-injection tests stop the process on purpose
/// (`PATCHLEDGER_FAULT_POINT=findings`): it says so on stderr and waits to be killed, so a test can kill it
/// exactly there instead of at a random moment that may miss the step.
enum FaultPoint {
    private static let armed = ProcessInfo.processInfo.environment["PATCHLEDGER_FAULT_POINT"]

    static func reach(_ point: String) {
        guard armed == point else { return }
        FileHandle.standardError.write(Data("fault point: \(point)\n".utf8))
        while true { pause() }
    }
}

import Foundation
import PatchLedgerCLI
import PatchLedgerCore

/// Runs a program to completion and reports its wall time, CPU time and peak RSS (from `wait4`'s rusage), so
/// each measurement is of that process alone.
struct ChildProcess {
    struct Measurement {
        var seconds: Double
        /// User and system time of the process: above `seconds` when it kept more than one core busy.
        var cpuSeconds: Double = 0
        var peakRSSMegabytes: Double
        var status: Int32

        /// One line of a bench's table: the name, then wall time, CPU time and peak RSS.
        func row(_ name: String) -> String {
            name.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(format: "%8.2f s  CPU %7.2f s  peak RSS %7.1f MB", seconds, cpuSeconds, peakRSSMegabytes)
        }

        /// The median times and the highest peak RSS of several runs of one command.
        static func median(_ runs: [Measurement]) -> Measurement {
            Measurement(
                seconds: runs.map(\.seconds).median ?? 0, cpuSeconds: runs.map(\.cpuSeconds).median ?? 0,
                peakRSSMegabytes: runs.map(\.peakRSSMegabytes).max() ?? 0, status: runs.map(\.status).max() ?? 0)
        }
    }

    static func measure(_ executable: String, _ arguments: [String]) throws -> Measurement {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var pid = pid_t()
        let start = Date()
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ValidationFailure("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = Date().timeIntervalSince(start)
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = [usage.ru_utime, usage.ru_stime].reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
        return Measurement(
            seconds: seconds, cpuSeconds: cpu, peakRSSMegabytes: Double(usage.ru_maxrss) / 1024, status: exited)
    }
}

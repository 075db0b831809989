import Testing

@testable import PatchLedgerCore

/// One VM name, several machines: what `import inventory` refuses to merge.
@Suite struct MachineIdentityTests {
    static func capture(
        vm: String = "LAPTOP", host: String? = "LAPTOP", os: String = "Microsoft Windows 10 Pro",
        build: String = "10.0.19045.3570", installed: String? = "3/2/2021, 8:00:00 AM"
    ) -> InventorySnapshot {
        var snapshot = InventorySnapshot(format: "systeminfo")
        snapshot.vm = vm
        snapshot.host = host
        snapshot.osName = os
        snapshot.version = OSVersion(parsing: build)
        snapshot.installedAt = installed
        return snapshot
    }

    @Test func anotherOSBuildOrInstallDateInAnotherFileIsAnotherMachine() {
        var machines = RunMachines()
        #expect(machines.claim(Self.capture(), file: "a.txt") == nil)
        // Same machine a month on: a newer UBR, OS name in other spacing and case.
        #expect(
            machines.claim(Self.capture(os: "microsoft windows 10  pro", build: "10.0.19045.3693"), file: "b.txt")
                == nil)
        #expect(
            machines.claim(Self.capture(os: "Microsoft Windows 11 Pro"), file: "c.txt")
                == "VM LAPTOP is also a.txt, a different machine (OS Microsoft Windows 11 Pro, not Microsoft Windows 10 "
                + "Pro): not merged; import each with its own --vm NAME")
        #expect(
            machines.claim(Self.capture(build: "10.0.22631.2428"), file: "d.txt")?.contains("(build 22631, not 19045)")
                == true)
        #expect(
            machines.claim(Self.capture(installed: "9/9/2023, 9:09:09 AM"), file: "e.txt")?.contains(
                "(installed 9/9/2023, 9:09:09 AM, not 3/2/2021, 8:00:00 AM)") == true)
        // What a capture does not state tells nothing apart (wmic qfe states no OS).
        #expect(machines.claim(Self.capture(installed: nil), file: "f.txt") == nil)
    }

    /// Records of one file are a VM's own history (a rebuild may change its install date), unless they are of two
    /// hosts, which only `--vm` given to a file of many can make.
    @Test func oneFileIsAHistoryUnlessItsRecordsNameTwoHosts() {
        var machines = RunMachines()
        #expect(machines.claim(Self.capture(), file: "fleet.json") == nil)
        #expect(machines.claim(Self.capture(installed: "9/9/2023, 9:09:09 AM"), file: "fleet.json") == nil)
        #expect(
            machines.claim(Self.capture(host: "DESKTOP"), file: "fleet.json")
                == "VM LAPTOP is also another capture of this file, a different machine (host DESKTOP, not LAPTOP): "
                + "not merged; import each with its own --vm NAME")
    }

    /// A file skipped under --keep-going is forgotten: the machines it named first are free for the next file,
    /// those named before it stay.
    @Test func aForgottenFileLeavesTheMachinesOfTheFilesBeforeIt() {
        var machines = RunMachines()
        machines.beginFile()
        #expect(machines.claim(Self.capture(), file: "a.txt") == nil)
        machines.beginFile()
        #expect(machines.claim(Self.capture(vm: "DESKTOP", host: "DESKTOP"), file: "b.txt") == nil)
        #expect(machines.claim(Self.capture(os: "Microsoft Windows 11 Pro"), file: "b.txt") != nil)
        machines.forgetFile()
        machines.beginFile()
        // DESKTOP, named first by the forgotten file, is another machine now without conflict; LAPTOP is still a.txt's.
        #expect(
            machines.claim(Self.capture(vm: "DESKTOP", host: "DESKTOP", build: "10.0.22631.2428"), file: "c.txt") == nil
        )
        #expect(machines.claim(Self.capture(os: "Microsoft Windows 11 Pro"), file: "c.txt")?.contains("a.txt") == true)
    }
}

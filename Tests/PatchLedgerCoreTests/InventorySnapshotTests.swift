import Testing

@testable import PatchLedgerCore

@Suite struct InventorySnapshotTests {
    func snapshot(_ kbs: [Int], vm: String? = "web-01") -> InventorySnapshot {
        var snapshot = InventorySnapshot(format: "systeminfo")
        snapshot.vm = vm
        snapshot.version = OSVersion(parsing: "10.0.17763")
        kbs.forEach { snapshot.add(InstalledKB(kb: KB($0))) }
        return snapshot
    }

    @Test func aRepeatedKBIsKeptOnceWithTheFirstKnownDate() {
        var snapshot = snapshot([5_028_168])
        snapshot.add(InstalledKB(kb: KB(5_028_168), installedOn: CalendarDate(year: 2023, month: 7, day: 12)))
        #expect(
            snapshot.kbs == [InstalledKB(kb: KB(5_028_168), installedOn: CalendarDate(year: 2023, month: 7, day: 12))])
    }

    @Test func theFileWinsAndDefaultsFillTheGaps() throws {
        let time = try #require(Timestamp(parsing: "2023-08-01T00:00:00Z"))
        let defaults = SnapshotDefaults(
            vm: "from-flag", scannedAt: time, osName: "Windows Server 2019 Datacenter",
            version: OSVersion(parsing: "17763.4645"), architecture: .x64)
        let (completed, notes) = snapshot([1]).completed(with: defaults)
        // --vm names the VM whatever host the capture states (two machines of one host name are told apart so);
        // the host is kept.
        #expect(completed.vm == "from-flag")
        #expect(completed.host == "web-01")
        var byFile = defaults
        byFile.vmIsFileName = true
        #expect(snapshot([1]).completed(with: byFile).snapshot.vm == "web-01", "the host wins over the file name")
        #expect(completed.scannedAt == time)
        #expect(completed.version?.description == "10.0.17763.4645")
        #expect(completed.product == "Windows Server 2019")
        #expect(notes.isEmpty)
        #expect(snapshot([1], vm: nil).completed(with: defaults).snapshot.vm == "from-flag")
    }

    @Test func aBuildOnAnotherLineIsNotedAndIgnored() throws {
        let defaults = SnapshotDefaults(
            vm: "x", scannedAt: Timestamp(secondsSinceEpoch: 0), version: OSVersion(parsing: "20348.1850"))
        let (completed, notes) = snapshot([1]).completed(with: defaults)
        #expect(completed.version?.description == "10.0.17763")
        #expect(
            notes.map(\.message) == [
                "--build 10.0.20348.1850 is not on the file's build line 10.0.17763; the file's is kept"
            ])
    }

    /// A capture without a host or a date takes the file's name and modification time, and says so.
    @Test func aNameOrDateTakenFromTheFileIsNoted() throws {
        let defaults = SnapshotDefaults(
            vm: "scan-7", scannedAt: Timestamp(secondsSinceEpoch: 86_400), vmIsFileName: true,
            scannedAtIsFileTime: true)
        var dateless = snapshot([1], vm: nil)
        dateless.scannedAt = nil
        let (completed, notes) = dateless.completed(with: defaults)
        #expect(completed.vm == "scan-7")
        #expect(
            notes.map(\.message) == [
                "the capture names no host: the VM is named scan-7 after the file (--vm names it)",
                "the capture states no date: scanned at the file's modification time 1970-01-02T00:00:00Z "
                    + "(--scanned-at dates it)",
            ])
        // Stated by the file: nothing to note.
        var stated = snapshot([1])
        stated.scannedAt = Timestamp(secondsSinceEpoch: 0)
        #expect(stated.completed(with: defaults).notes.isEmpty)
    }

    @Test func theFingerprintIgnoresListOrderAndHostCaseButNotContent() {
        #expect(snapshot([1, 2]).fingerprintText == snapshot([2, 1]).fingerprintText)
        #expect(snapshot([1, 2], vm: "WEB-01").fingerprintText == snapshot([1, 2]).fingerprintText)
        #expect(snapshot([1, 2]).fingerprintText != snapshot([1, 3]).fingerprintText)
        var later = snapshot([1, 2])
        later.scannedAt = Timestamp(secondsSinceEpoch: 86_400)
        #expect(later.fingerprintText != snapshot([1, 2]).fingerprintText)
    }
}

@Suite struct VMPlatformTests {
    let manifestBuild = OSVersion(parsing: "14393.5989")
    let image = "MicrosoftWindowsServer:WindowsServer:2016-Datacenter:14393.5989.230607"

    @Test func aScanThatNamesNoOSTakesTheManifestsBuildAndImage() {
        let (product, version) = WindowsProduct.resolve(
            scannedProduct: nil, scannedVersion: nil, architecture: nil, manifestBuild: manifestBuild, image: image)
        #expect(product == "Windows Server 2016")
        #expect(version?.description == "10.0.14393.5989")
    }

    @Test func theScanWinsAndOnlyBorrowsAUBROfItsOwnLine() {
        let (product, version) = WindowsProduct.resolve(
            scannedProduct: "Windows Server 2019", scannedVersion: OSVersion(parsing: "10.0.17763"), architecture: .x64,
            manifestBuild: manifestBuild, image: image)
        #expect(product == "Windows Server 2019")
        #expect(version?.description == "10.0.17763")
    }

    @Test func withoutAnImageHintASharedBuildStaysUnknown() {
        #expect(
            WindowsProduct.resolve(
                scannedProduct: nil, scannedVersion: nil, architecture: .x64, manifestBuild: manifestBuild,
                image: "custom-golden-v3"
            ).product == nil)
    }
}

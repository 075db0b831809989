import Testing

@testable import PatchLedgerCore

@Suite struct UpdateKindTests {
    @Test(arguments: [
        "Security Hotpatch Update", "SecurityHotpatchUpdate", "Azure Hotpatch", "security hotpatch update",
    ])
    func hotpatchSpellingsAreOneKind(_ subtype: String) {
        #expect(UpdateKind(subtype: subtype, title: nil, servicing: .cumulative) == .hotpatch)
    }

    @Test func msrcCallsTheMonthlyCumulativeUpdateASecurityUpdate() {
        #expect(UpdateKind(subtype: "Security Update", title: nil, servicing: .cumulative) == .cumulative)
        #expect(UpdateKind(subtype: "Security Update", title: nil, servicing: .monthlyRollup) == .other)
    }

    @Test func rollupProductsHaveRollupsSecurityOnlyAndIECumulatives() {
        #expect(UpdateKind(subtype: "Monthly Rollup", title: nil, servicing: .monthlyRollup) == .monthlyRollup)
        #expect(UpdateKind(subtype: "Security Only", title: nil, servicing: .monthlyRollup) == .securityOnly)
        #expect(UpdateKind(subtype: "IE Cumulative", title: nil, servicing: .monthlyRollup) == .ieCumulative)
    }

    /// MSRC's other spellings of the OS's monthly packages: an alternate or out-of-band cumulative update is one a
    /// newer cumulative update covers; a preview rollup is a rollup.
    @Test(arguments: ["Cumulative Update", "Alternate Cumulative", "Cumulative", "Update"])
    func cumulativeSpellingsAreOneKind(_ subtype: String) {
        #expect(UpdateKind(subtype: subtype, title: nil, servicing: .cumulative) == .cumulative)
    }

    @Test func aPlainUpdateOfARollupProductIsNoCumulative() {
        #expect(UpdateKind(subtype: "Update", title: nil, servicing: .monthlyRollup) == .other)
    }

    @Test func aPreviewRollupIsARollup() {
        #expect(UpdateKind(subtype: "Preview Rollup", title: nil, servicing: .monthlyRollup) == .monthlyRollup)
    }

    @Test func wsusTitlesNameTheKind() {
        #expect(
            UpdateKind(
                subtype: nil,
                title: "2023-07 Cumulative Update for Windows Server 2019 for x64-based Systems (KB5028168)",
                servicing: .cumulative) == .cumulative)
        #expect(
            UpdateKind(
                subtype: nil, title: "2023-07 Security Monthly Quality Rollup for Windows Server 2012 R2 (KB5028228)",
                servicing: .monthlyRollup) == .monthlyRollup)
    }

    @Test(arguments: [
        ("Windows Server 2016", Servicing.cumulative), ("Windows 10 Version 1809 for x64-based Systems", .cumulative),
        ("Windows 11 Version 24H2 for x64-based Systems", .cumulative), ("Windows Server 2012 R2", .monthlyRollup),
        ("Windows 7 for x64-based Systems Service Pack 1", .monthlyRollup), ("Microsoft Office 2016", .other),
    ])
    func productsHaveTheirServicingModel(_ product: String, _ servicing: Servicing) {
        #expect(Servicing(product: product) == servicing)
    }
}

import PatchLedgerCore

/// The `lag` command's table and CSV.
public enum LagRenderer {
    public static func table(_ lag: ImageLag) -> String {
        var images = TextTable(
            ["IMAGE", "PATCH LEVEL", "PATCH DATE", "LAG", "BEHIND", "OPEN CVES", "VMS", "FLAG"],
            rightAligned: [3, 4, 5, 6])
        for image in lag.images {
            let open = ["critical", "important", "moderate", "low", "unrated"].compactMap { key in
                image.openCves[key].map { "\($0) \(key)" }
            }
            images.append([
                short(image.image), "\(image.patchLevel.kb ?? "GA") \(image.patchLevel.build)", image.patchLevel.date,
                "\(image.lagDays) d", String(image.releasesBehind), open.isEmpty ? "0" : open.joined(separator: ", "),
                String(image.vms.count), image.stale ? "STALE" : "",
            ])
        }
        var vms = TextTable(
            ["VM", "IMAGE", "DEPLOYED", "LAG AT DEPLOY", "BEHIND", "SINCE DEPLOY"], rightAligned: [3, 4])
        for vm in lag.vms {
            vms.append([
                vm.vm, short(vm.image), vm.deployedAt ?? "?", vm.lagAtDeployDays.map { "\($0) d" } ?? "?",
                vm.releasesBehindAtDeploy.map(String.init) ?? "?", since(vm),
            ])
        }
        var out =
            "image lag as of \(lag.asOf) (stale: over \(lag.maxDays) days)\n" + images.render() + "\n" + vms.render()
        for problem in lag.problems {
            out += "problem: \(problem.vm) (\(problem.image ?? "no image")): \(problem.reason)\n"
        }
        return out
    }

    public static func csv(_ lag: ImageLag) -> String {
        var table = TextTable([
            "vm", "image", "product", "patch_kb", "patch_build", "patch_date", "build_date", "lag_days",
            "releases_behind",
            "stale", "deployed_at", "lag_at_deploy_days", "releases_behind_at_deploy", "updated_since_deploy",
            "problem",
        ])
        let images = Dictionary(lag.images.map { ($0.image, $0) }, uniquingKeysWith: { a, _ in a })
        for vm in lag.vms {
            guard let image = images[vm.image] else { continue }
            table.append([
                vm.vm, vm.image, image.product ?? "", image.patchLevel.kb ?? "", image.patchLevel.build,
                image.patchLevel.date,
                image.buildDate ?? "", String(image.lagDays), String(image.releasesBehind), String(image.stale),
                vm.deployedAt ?? "", vm.lagAtDeployDays.map(String.init) ?? "",
                vm.releasesBehindAtDeploy.map(String.init) ?? "",
                vm.updatedSinceDeploy.map(String.init) ?? "", "",
            ])
        }
        for problem in lag.problems {
            table.append([problem.vm, problem.image ?? ""] + Array(repeating: "", count: 12) + [problem.reason])
        }
        return table.renderCSV()
    }

    private static func since(_ vm: ImageLag.VM) -> String {
        guard let updated = vm.updatedSinceDeploy else { return "no scan" }
        return updated ? "updated" : "STILL AT IMAGE LEVEL"
    }

    private static func short(_ image: String) -> String {
        image.hasPrefix("MicrosoftWindowsServer:WindowsServer:") ? String(image.dropFirst(37)) : image
    }
}

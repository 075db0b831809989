extension ImageLag {
    /// Computes the lag of every image in use by `targets` (VMs without an image are left out).
    public init(targets: [ScanTarget], engine: ComplianceEngine, history: ReleaseHistory, maxDays: Int) {
        asOf = engine.policy.asOf.description
        self.maxDays = maxDays
        let timeline = ReleaseTimeline(engine: engine, history: history)
        var images: [String: Image] = [:]
        var order: [String] = []
        // Fleets share a few images: read each reference once, and find its level once per product.
        var parsedImages: [String: (result: Result<ImageVersion, ImageProblem>, product: String?)] = [:]
        var levels: [String: ReleaseTimeline.Level?] = [:]
        for target in targets {
            let build = target.tags.first { $0.key.lowercased() == "image_build" }?.value
            guard let reference = target.image ?? build else { continue }
            let key = ImageVersion.key(image: target.image, tags: target.tags)
            let known =
                parsedImages[key]
                ?? {
                    let result = ImageVersion.parse(image: target.image, tags: target.tags)
                    let product = (try? result.get()).flatMap {
                        WindowsProduct.catalogName(osName: $0.osHint, version: $0.version, architecture: .x64)
                    }
                    parsedImages[key] = (result, product)
                    return (result, product)
                }()
            let parsed: ImageVersion
            switch known.result {
            case .success(let version): parsed = version
            case .failure(let problem):
                problems.append(Problem(vm: target.vm, image: target.image, reason: problem.reason))
                continue
            }
            let product = known.product ?? target.product
            guard let product, engine.knows(product: product) else {
                problems.append(
                    Problem(
                        vm: target.vm, image: reference, reason: "product \(product ?? "unknown") is not in the catalog"
                    ))
                continue
            }
            let levelKey = "\(key)|\(product)"
            let level =
                levels[levelKey]
                ?? {
                    let level = timeline.level(of: parsed.version, product: product)
                    levels[levelKey] = level
                    return level
                }()
            guard let level else {
                problems.append(
                    Problem(
                        vm: target.vm, image: reference,
                        reason: "no release at or below \(parsed.version) in the catalog or the release history"
                            + " (patchledger import builds)"))
                continue
            }
            if images[reference] == nil {
                order.append(reference)
                images[reference] = image(reference, parsed, product, level, engine, timeline)
            }
            images[reference]?.vms.append(target.vm)
            vms.append(vm(target, reference, parsed, product, level, timeline))
        }
        self.images = order.compactMap { images[$0] }
    }

    private func image(
        _ reference: String, _ parsed: ImageVersion, _ product: String, _ level: ReleaseTimeline.Level,
        _ engine: ComplianceEngine, _ timeline: ReleaseTimeline
    ) -> Image {
        let asOf = engine.policy.asOf
        let newest = timeline.securityReleases(product: product, build: parsed.version.build).last { $0 <= asOf }
        let lag = newest.map { max(0, $0.daysSinceEpoch - level.date.daysSinceEpoch) } ?? 0
        let fresh = engine.evaluate(
            VMState(product: product, version: parsed.version, installed: level.kb.map { [$0] } ?? []))
        return Image(
            image: reference, product: product,
            patchLevel: PatchLevel(
                kb: level.kb?.description ?? "", build: level.build.description, date: level.date.description),
            buildDate: parsed.buildDate?.description, lagDays: lag,
            releasesBehind: timeline.count(
                product: product, build: parsed.version.build, after: level.date, through: newest ?? level.date),
            stale: lag > maxDays, missing: fresh?.missing.map(\.kb) ?? [], openCves: fresh?.openCVEsBySeverity ?? [:],
            vms: [])
    }

    private func vm(
        _ target: ScanTarget, _ reference: String, _ parsed: ImageVersion, _ product: String,
        _ level: ReleaseTimeline.Level, _ timeline: ReleaseTimeline
    ) -> VM {
        var row = VM(vm: target.vm, image: reference, group: target.group, deployedAt: target.deployedAt?.description)
        if let deployed = target.deployedAt {
            let releases = timeline.securityReleases(product: product, build: parsed.version.build)
            let out = releases.last { $0 <= deployed }
            row.lagAtDeployDays = out.map { max(0, $0.daysSinceEpoch - level.date.daysSinceEpoch) } ?? 0
            row.releasesBehindAtDeploy = timeline.count(
                product: product, build: parsed.version.build, after: level.date, through: deployed)
        }
        if let scanned = target.scannedAt {
            row.scannedAt = scanned
            let reached = timeline.revision(of: target, line: parsed.version, product: product)
            row.updatedSinceDeploy = reached.map { $0 > (parsed.version.ubr ?? 0) } ?? false
        }
        return row
    }
}

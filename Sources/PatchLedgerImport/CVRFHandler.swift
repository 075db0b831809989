import PatchLedgerCore

/// The SAX state machine behind `CVRFReader`: which element we are in decides what its text means.
final class CVRFHandler: XMLStreamHandler {
    enum Name: Int, CaseIterable {
        case cvrfdoc, documentTitle, documentTracking, id, revision, number, initialReleaseDate, currentReleaseDate
        case productTree, branch, fullProductName
        case vulnerability, title, cve, threat, description, productID, scoreSet, baseScore
        case remediation, url, supercedence, subType, restartRequired, fixedBuild
        // Attributes.
        case type, nameAttribute

        var xmlName: String {
            switch self {
            case .cvrfdoc: "cvrfdoc"
            case .nameAttribute: "Name"
            case .id: "ID"
            case .url: "URL"
            case .cve: "CVE"
            default: String(describing: self).prefix(1).uppercased() + String(describing: self).dropFirst()
            }
        }
    }

    let file: String
    private(set) var document = CVRFDocument()
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var sawRoot = false

    private var inTracking = false
    private var familyStack: [String?] = []
    private var product: (id: String, family: String?)?
    private var vulnerability: CVRFVulnerability?
    private var threat: (type: String, description: String, productIDs: [String])?
    private var score: (base: Double?, productIDs: [String])?
    private var remediation: (type: String, fields: [Name: String], productIDs: [String], line: Int)?
    private var skipped: [String: Int] = [:]

    init(file: String) {
        self.file = file
    }

    func start(_ element: Int?, _ attributes: XMLAttributes, _ stream: XMLStream) throws {
        guard sawRoot else {
            guard element == Name.cvrfdoc.rawValue else {
                throw ImportError.unexpected(
                    file: file, line: stream.line, column: stream.column, expected: "a <cvrfdoc> root element",
                    found: "another root element")
            }
            sawRoot = true
            return
        }
        guard let element, let name = Name(rawValue: element) else { return }
        switch name {
        case .documentTracking: inTracking = true
        case .branch:
            let isFamily = attributes.value(Name.type.rawValue) == "Product Family"
            familyStack.append(isFamily ? attributes.value(Name.nameAttribute.rawValue) : familyStack.last ?? nil)
        case .fullProductName:
            let family = familyStack.last ?? nil
            product = (attributes.value(Name.productID.rawValue) ?? "", family)
            stream.beginText()
        case .vulnerability:
            vulnerability = CVRFVulnerability()
            vulnerability?.line = stream.line
        case .threat where vulnerability != nil:
            threat = (attributes.value(Name.type.rawValue) ?? "", "", [])
        case .scoreSet where vulnerability != nil:
            score = (nil, [])
        case .remediation where vulnerability != nil:
            remediation = (attributes.value(Name.type.rawValue) ?? "", [:], [], stream.line)
        case .documentTitle, .id, .number, .initialReleaseDate, .currentReleaseDate, .title, .cve, .description,
            .productID, .baseScore, .url, .supercedence, .subType, .restartRequired, .fixedBuild:
            stream.beginText()
        default: break
        }
    }

    func end(_ element: Int?, _ stream: XMLStream) throws {
        guard let element, let name = Name(rawValue: element) else { return }
        switch name {
        case .documentTracking: inTracking = false
        case .documentTitle: document.title = stream.takeText()
        case .id where inTracking: document.id = stream.takeText()
        case .number where inTracking: document.revision = stream.takeText()
        case .initialReleaseDate: document.initialRelease = date(stream.takeText(), "InitialReleaseDate", stream)
        case .currentReleaseDate: document.currentRelease = date(stream.takeText(), "CurrentReleaseDate", stream)
        case .branch: familyStack.removeLast()
        case .fullProductName:
            if let product {
                document.products.append(
                    CVRFProduct(
                        productID: product.id, name: stream.takeText().collapsingWhitespace(), family: product.family))
            }
            product = nil
        case .title where vulnerability != nil: vulnerability?.title = stream.takeText()
        case .cve where vulnerability != nil: vulnerability?.cve = stream.takeText()
        case .description:
            let text = stream.takeText()
            if threat != nil {
                threat?.description = text
            } else if remediation != nil {
                remediation?.fields[.description] = text
            }
        case .productID:
            let id = stream.takeText()
            if threat != nil {
                threat?.productIDs.append(id)
            } else if score != nil {
                score?.productIDs.append(id)
            } else if remediation != nil {
                remediation?.productIDs.append(id)
            }
        case .baseScore where score != nil: score?.base = Double(stream.takeText())
        case .url, .supercedence, .subType, .restartRequired, .fixedBuild:
            if remediation != nil { remediation?.fields[name] = stream.takeText() }
        case .threat: endThreat()
        case .scoreSet: endScore()
        case .remediation: endRemediation()
        case .vulnerability:
            if let vulnerability { document.vulnerabilities.append(applyingUntargetedThreats(vulnerability)) }
            vulnerability = nil
        default: break
        }
    }

    /// Summarises what was skipped and drops references to ProductIDs the tree does not define.
    func finish() {
        for (kind, count) in skipped.sorted(by: { $0.key < $1.key }) {
            // Vendor fixes without a KB are links (release notes, repositories) under many labels: one kind.
            let group =
                kind.hasPrefix("Vendor Fix without a KB")
                ? "skipped Vendor Fix remediations without a KB (release notes, links)" : "skipped \(kind) remediations"
            diagnostics.append(
                Diagnostic(file: file, line: 0, message: "skipped \(count) \(kind) remediation(s)", kind: group))
        }
        let known = Set(document.products.map(\.productID))
        for v in document.vulnerabilities.indices {
            for r in document.vulnerabilities[v].remediations.indices {
                let ids = document.vulnerabilities[v].remediations[r].productIDs
                let unknown = ids.filter { !known.contains($0) }
                guard !unknown.isEmpty else { continue }
                let remediation = document.vulnerabilities[v].remediations[r]
                diagnostics.append(
                    Diagnostic(
                        file: file, line: remediation.line,
                        message:
                            "\(remediation.kb) names ProductID \(unknown.joined(separator: ", ")) not in the product tree",
                        kind: "remediations naming a ProductID not in the product tree"))
                document.vulnerabilities[v].remediations[r].productIDs = ids.filter(known.contains)
            }
        }
    }

    private func endThreat() {
        guard let threat else { return }
        self.threat = nil
        for id in threat.productIDs {
            var entry = vulnerability?.threats[id] ?? CVRFThreat()
            switch threat.type {
            case "Impact": entry.impact = threat.description.isEmpty ? nil : threat.description
            case "Severity": entry.severity = Severity(parsing: threat.description)
            case "Exploit Status": entry.exploitStatus = threat.description.isEmpty ? nil : threat.description
            default: break
            }
            vulnerability?.threats[id] = entry
        }
        if threat.productIDs.isEmpty, threat.type == "Exploit Status", !threat.description.isEmpty {
            untargetedExploitStatus = threat.description
        }
    }

    /// An Exploit Status threat without ProductIDs speaks for every product of the vulnerability.
    private var untargetedExploitStatus: String?

    private func applyingUntargetedThreats(_ vulnerability: CVRFVulnerability) -> CVRFVulnerability {
        defer { untargetedExploitStatus = nil }
        guard let status = untargetedExploitStatus else { return vulnerability }
        var result = vulnerability
        let products = Set(result.threats.keys).union(result.remediations.flatMap(\.productIDs))
        for id in products where result.threats[id]?.exploitStatus == nil {
            result.threats[id, default: CVRFThreat()].exploitStatus = status
        }
        return result
    }

    private func endScore() {
        guard let score else { return }
        self.score = nil
        for id in score.productIDs {
            vulnerability?.threats[id, default: CVRFThreat()].cvssBase = score.base
        }
    }

    private func endRemediation() {
        guard let remediation else { return }
        self.remediation = nil
        let description = remediation.fields[.description] ?? ""
        guard remediation.type == "Vendor Fix" else {
            skipped["'\(remediation.type)'", default: 0] += 1
            return
        }
        guard let kb = KB(parsing: description) else {
            skipped["Vendor Fix without a KB ('\(description.prefix(40))')", default: 0] += 1
            return
        }
        var fix = CVRFRemediation(kb: kb)
        fix.line = remediation.line
        fix.url = remediation.fields[.url].flatMap { $0.isEmpty ? nil : $0 }
        let supersedes = Supersedes.parseList(remediation.fields[.supercedence] ?? "")
        fix.supersedes = supersedes.entries
        if !supersedes.unrecognised.isEmpty {
            diagnostics.append(
                Diagnostic(
                    file: file, line: remediation.line,
                    message: "\(kb): Supercedence entries that are neither KBs nor bulletins were left out: "
                        + supersedes.unrecognised.joined(separator: ", "),
                    kind: "Supercedence entries that are neither KBs nor bulletins, left out"))
        }
        fix.subtype = remediation.fields[.subType].map { $0.collapsingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        fix.restartRequired = remediation.fields[.restartRequired].flatMap { text in
            switch text.lowercased() {
            case "yes": true
            case "no": false
            default: nil
            }
        }
        fix.fixedBuild = remediation.fields[.fixedBuild].flatMap { $0.isEmpty ? nil : $0 }
        fix.productIDs = remediation.productIDs
        vulnerability?.remediations.append(fix)
    }

    private func date(_ text: String, _ field: String, _ stream: XMLStream) -> CalendarDate? {
        guard !text.isEmpty else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            diagnostics.append(
                Diagnostic(
                    file: file, line: stream.line, column: stream.column, message: "bad date '\(text)' in \(field)",
                    kind: "bad dates in \(field)"))
            return nil
        }
        return date
    }
}

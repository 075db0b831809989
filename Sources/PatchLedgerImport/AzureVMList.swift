import Foundation
import PatchLedgerCore

/// `az vm list` JSON: name, resourceGroup, tags, timeCreated, storageProfile (image reference, OS type)
/// and osProfile.computerName.
enum AzureVMList {
    static func parse(_ text: String, file: String) throws -> [FleetEntry] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw ImportError.badRecord(file: file, line: 1, expected: "JSON", found: "\(error)")
        }
        let objects = (value as? [Any]) ?? [value]
        return try objects.enumerated().map { index, element in
            let position = index + 1
            guard let vm = element as? [String: Any], let name = vm["name"] as? String, !name.isEmpty else {
                throw ImportError.badRecord(
                    file: file, line: position, expected: "a VM object with a name (az vm list, entry \(position))",
                    found: "\(element)")
            }
            let storage = vm["storageProfile"] as? [String: Any]
            let reference = storage?["imageReference"] as? [String: Any]
            let osDisk = storage?["osDisk"] as? [String: Any]
            let profile = vm["osProfile"] as? [String: Any]
            var tags: [String: String] = [:]
            for (key, value) in (vm["tags"] as? [String: Any]) ?? [:] { tags[key] = "\(value)" }
            let computerName = profile?["computerName"] as? String
            var entry = FleetEntry(
                vm: name, computerName: computerName?.caseInsensitiveCompare(name) == .orderedSame ? nil : computerName,
                group: vm["resourceGroup"] as? String, image: reference.flatMap(imageReference),
                osType: osDisk?["osType"] as? String, tags: tags)
            if let created = vm["timeCreated"] as? String {
                guard let time = Timestamp(parsing: created) else {
                    throw ImportError.badRecord(
                        file: file, line: position, expected: "timeCreated as ISO 8601 (entry \(position))",
                        found: created)
                }
                entry.deployedAt = time
            }
            return entry
        }
    }

    /// `Publisher:Offer:Sku:Version`, with `latest` replaced by the `exactVersion` Azure resolved it to;
    /// a gallery or managed image by its resource id.
    static func imageReference(_ reference: [String: Any]) -> String? {
        if let publisher = reference["publisher"] as? String, let offer = reference["offer"] as? String,
            let sku = reference["sku"] as? String
        {
            var version = reference["version"] as? String ?? "latest"
            if version.lowercased() == "latest", let exact = reference["exactVersion"] as? String, !exact.isEmpty {
                version = exact
            }
            return "\(publisher):\(offer):\(sku):\(version)"
        }
        return reference["id"] as? String
    }
}

/// What an image reference says about the OS it deploys: build.UBR and the date the image was built.
public struct ImageVersion: Hashable, Sendable {
    public var version: OSVersion
    /// The date in a Marketplace version (`…230707` → 2023-07-07): a few days before the Patch Tuesday
    /// whose update it carries. Reported, never used as the patch date.
    public var buildDate: CalendarDate?
    /// "Windows Server" or "Windows" when the reference tells (Marketplace offer), for the product name.
    public var osHint: String?

    /// What `parse` reads: VMs with equal keys have the same image version.
    public static func key(image: String?, tags: [String: String]) -> String {
        let build = tags.first { $0.key.lowercased() == "image_build" }?.value
        let date = tags.first { $0.key.lowercased() == "image_date" }?.value
        return "\(image ?? "")|\(build ?? "")|\(date ?? "")"
    }

    /// Reads a Marketplace URN `Publisher:Offer:Sku:Version` (version `build.UBR.yymmdd` or
    /// `build.UBR.yymmddHHMM`), else the manifest's `image_build` and `image_date` for custom and gallery
    /// images.
    ///
    /// - Returns: the version, or why it cannot be read (reported per VM, never guessed).
    public static func parse(image: String?, tags: [String: String]) -> Result<ImageVersion, ImageProblem> {
        let given = tags.first { $0.key.lowercased() == "image_build" }?.value
        let hint = WindowsProduct.osNameHint(image: image)
        if let given {
            guard let version = OSVersion(parsing: given), version.ubr != nil else {
                return .failure(.init("image_build \(given) is not a build.UBR such as 17763.4645"))
            }
            let date = tags.first { $0.key.lowercased() == "image_date" }.flatMap { CalendarDate(parsing: $0.value) }
            return .success(ImageVersion(version: version, buildDate: date, osHint: hint))
        }
        guard let image, !image.isEmpty else { return .failure(.init("no image reference")) }
        let parts = image.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            return .failure(.init("not a Marketplace URN Publisher:Offer:Sku:Version; give image_build and image_date"))
        }
        let version = parts[3]
        if version.lowercased() == "latest" {
            return .failure(
                .init("version 'latest' is not resolved; import az vm list JSON (exactVersion) or give image_build"))
        }
        let numbers = version.split(separator: ".")
        guard numbers.count == 3, let build = Int(numbers[0]), let ubr = Int(numbers[1]),
            let os = OSVersion(parsing: "\(build).\(ubr)")
        else {
            return .failure(.init("version \(version) is not build.UBR.date (17763.4645.230707)"))
        }
        return .success(ImageVersion(version: os, buildDate: Self.date(numbers[2]), osHint: hint))
    }

    /// `yymmdd` or `yymmddHHMM`.
    static func date(_ text: Substring) -> CalendarDate? {
        guard text.count == 6 || text.count == 10, text.allSatisfy(\.isASCIIDigit) else { return nil }
        let digits = Array(text)
        func number(_ range: Range<Int>) -> Int { Int(String(digits[range])) ?? 0 }
        return CalendarDate(year: 2000 + number(0..<2), month: number(2..<4), day: number(4..<6))
    }
}

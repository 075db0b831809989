/// How far behind the images in use are, and were when VMs were deployed from them (README, "Image lag").
public struct ImageLag: Sendable, Codable {
    public struct PatchLevel: Sendable, Codable, Hashable {
        /// `nil` for a general-availability build, which no update brings.
        public var kb: String?
        public var build: String
        /// The release date of that update: the image's patch date.
        public var date: String
    }

    public struct Image: Sendable, Codable {
        public var image: String
        public var product: String?
        public var patchLevel: PatchLevel
        /// From the version string: when the image was built, a few days before its Patch Tuesday.
        public var buildDate: String?
        /// Days from the patch date to the newest applicable cumulative update in the catalog.
        public var lagDays: Int
        /// Security releases (Patch Tuesdays) of the line after the patch date, up to that newest one.
        public var releasesBehind: Int
        /// Over `--max-days`.
        public var stale: Bool
        /// What a VM fresh from the image must install today, and the CVEs open on it by severity.
        public var missing: [String]
        public var openCves: [String: Int]
        public var vms: [String]
    }

    public struct VM: Sendable, Codable {
        public var vm: String
        public var image: String
        public var group: String?
        public var deployedAt: String?
        /// Days from the image's patch date to the newest security release out on the deploy date.
        public var lagAtDeployDays: Int?
        public var releasesBehindAtDeploy: Int?
        /// The latest scan shows a build or updates beyond the image's level; `false`: still at image
        /// level; absent when the VM has no scan.
        public var updatedSinceDeploy: Bool?
        public var scannedAt: String?
    }

    public struct Problem: Sendable, Codable, Hashable {
        public var vm: String
        public var image: String?
        public var reason: String
    }

    public var asOf: String
    public var maxDays: Int
    public var images: [Image] = []
    public var vms: [VM] = []
    public var problems: [Problem] = []

    public var hasStaleImages: Bool { images.contains(where: \.stale) }
}

import Foundation

/// Expands the paths given on a command line into the files to import.
enum InputFiles {
    /// Files as given; folders searched with their subfolders for files whose relative path `accepts`
    /// (hidden files and folders skipped), sorted by path so runs are repeatable. A FIFO, device or socket is
    /// listed too, so that its read reports it (`check`) rather than it being passed over; symbolic links to
    /// folders are not followed, so a link cycle ends the search.
    ///
    /// - Throws: `ImportError.unreadable` for a path that does not exist.
    static func list(_ paths: [String], accepting accepts: (String) -> Bool) throws -> [URL] {
        var result: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ImportError.unreadable(file: path, reason: "no such file or folder")
            }
            guard isDirectory.boolValue else {
                result.append(URL(fileURLWithPath: path))
                continue
            }
            let root = URL(fileURLWithPath: path)
            let entries = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            for entry in entries.sorted()
            where accepts(entry) && !entry.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                var isFolder: ObjCBool = false
                let url = root.appendingPathComponent(entry)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                    result.append(url)
                }
            }
        }
        return result
    }

    /// The whole file, for the small text inputs (inventories, manifests, release histories), once `check`ed.
    ///
    /// - Throws: `ImportError.unreadable` naming the file.
    static func bytes(_ url: URL, displayName: String, limit: InputLimit) throws -> [UInt8] {
        try check(url, displayName: displayName, limit: limit)
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw ImportError.unreadable(file: displayName, reason: (error as NSError).localizedDescription)
        }
    }
}

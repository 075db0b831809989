import Foundation

/// Expands the paths given on a command line into the files to import.
enum InputFiles {
    /// Files as given; folders searched with their subfolders for regular files whose relative path
    /// `accepts` (hidden files and folders skipped), sorted by path so runs are repeatable.
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
                // A FIFO or a device would block the read forever.
                guard isRegularFile(path) else {
                    throw ImportError.unreadable(file: path, reason: "not a regular file (a FIFO, device or socket)")
                }
                result.append(URL(fileURLWithPath: path))
                continue
            }
            let root = URL(fileURLWithPath: path)
            let entries = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            for entry in entries.sorted()
            where accepts(entry) && !entry.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                var isFolder: ObjCBool = false
                let url = root.appendingPathComponent(entry)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                    isRegularFile(url.path)
                {
                    result.append(url)
                }
            }
        }
        return result
    }

    /// Whether `path` is a regular file (symbolic links followed): never a FIFO, a device or a socket.
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The whole file, for the small text inputs (inventories, manifests, release histories).
    ///
    /// - Throws: `ImportError.unreadable` naming the file.
    static func bytes(_ url: URL, displayName: String) throws -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw ImportError.unreadable(file: displayName, reason: (error as NSError).localizedDescription)
        }
    }
}

import Foundation

/// Writes bytes to standard output as they are, without a `Data` copy: a fleet's scan JSON runs to gigabytes.
enum StandardOutput {
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(1, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // A closed pipe (`| head`): nothing more can be written.
                }
            }
        }
    }
}

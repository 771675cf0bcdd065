import Foundation

/// Case directories written for a test, in a directory of the test
/// process's own that is removed when the process exits.
enum CaseDirectories {
    static func root() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("captable-core-tests-\(getpid())")
    }

    private static let made: URL = {
        let url = root()
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: CaseDirectories.root()) }
        return url
    }()

    /// A fresh directory of these files.
    static func write(_ files: [String: String]) throws -> URL {
        let dir = made.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }
}

import ArgumentParser
import Attribution
import CapTableCore
import CSVReading
import Foundation
import Renderers

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Writes a deterministic synthetic book in the input format, for benchmarks.")

    @Argument(help: "The directory to write (created if missing).")
    var directory: String

    @Option(help: "Scale: 1 is about 1,000 classes, 100,000 persons and 1,000,000 holding lots.")
    var scale: Int = 1

    @Option(help: "The seed; the same scale and seed always give the same bytes.")
    var seed: UInt64 = 1

    @Flag(help: "Leave out blockers, PIK interest and vesting.")
    var simple = false

    @Flag(help: "Write every value in its plainest form (p12, 1234567, 2.00, every column), as earlier versions did, rather than in the variety of a real book's text.")
    var plain = false

    @Flag(help: "Write into a directory that is not empty (its files of the same names are replaced).")
    var force = false

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be 1 or more") }
    }

    func run() throws {
        // A book is written over nothing of the user's unless asked.
        if !force, let entries = try? FileManager.default.contentsOfDirectory(atPath: directory), !entries.isEmpty {
            printError("\(directory): error: the directory is not empty; give --force to write the book into it")
            throw Status.cannotCreateOutput
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var handles: [String: FileHandle] = [:]
            defer { for h in handles.values { try? h.close() } }
            try BookGenerator(scale: scale, seed: seed, simple: simple, realistic: !plain).generate { name, chunk in
                if handles[name] == nil {
                    let path = (directory as NSString).appendingPathComponent(name)
                    _ = FileManager.default.createFile(atPath: path, contents: nil)
                    handles[name] = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                }
                try handles[name]!.write(contentsOf: Data(chunk.utf8))
            }
        } catch {
            printError("\(directory): error: cannot write the book: \(error)")
            throw Status.cannotCreateOutput
        }
    }
}

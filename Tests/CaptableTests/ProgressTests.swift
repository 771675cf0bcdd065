import Foundation
import Testing

/// The progress line appears on a terminal, and only there.
@Suite struct ProgressTests {
    /// Runs `captable` with the progress shown at once, its standard error a
    /// file or, through `script`, a terminal; returns what it wrote there.
    func run(onTerminal: Bool) throws -> (status: Int32, stderr: String, stdout: String) {
        let scratch = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        let command = [Harness.binary.path, "check", "Inputs/fund-complex", "--format", "csv"]
        if onTerminal {
            // `script` runs the command on a pseudo-terminal and copies what it writes there to its own output.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command.joined(separator: " "), "/dev/null"]
        } else {
            process.executableURL = Harness.binary
            process.arguments = Array(command.dropFirst())
        }
        process.currentDirectoryURL = Harness.root
        process.environment = ProcessInfo.processInfo.environment.merging(["CAPTABLE_PROGRESS_AFTER_MS": "0"]) { $1 }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: outURL), as: UTF8.self))
    }

    /// The first file read is shown at once; the line is cleared (spaces
    /// over it, back to its start) before the output is written. Later
    /// updates of so short a run fall within the tenth of a second that
    /// separates two.
    @Test func shownOnATerminalThenCleared() throws {
        let r = try run(onTerminal: true)
        #expect(r.status == 1)  // a line is crossed in the fund complex
        // On the terminal, standard output and error are one stream.
        let shown = "\rreading classes.csv", cleared = "\r" + String(repeating: " ", count: 19) + "\r"
        #expect(r.stdout.hasPrefix(shown + cleared + "class,person,name,threshold,status"), "\(r.stdout.prefix(80).debugDescription)")
    }

    @Test func nothingWhenStandardErrorIsAFile() throws {
        let r = try run(onTerminal: false)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.hasPrefix("class,person,name,threshold,status"))
    }
}

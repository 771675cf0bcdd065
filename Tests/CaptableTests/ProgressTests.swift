import Foundation
import Testing

/// The progress line appears on a terminal, and only there.
@Suite struct ProgressTests {
    /// Runs `check` with the progress shown at once, its standard error a
    /// file or, through `script`, a terminal.
    func run(onTerminal: Bool) throws -> Run {
        let command = ["check", "Inputs/fund-complex", "--format", "csv"]
        let now = ["CAPTABLE_PROGRESS_AFTER_MS": "0"]
        guard onTerminal else { return try Harness.run(command, environment: now) }
        // `script` runs the command on a pseudo-terminal and copies what it writes there to its own output.
        return try Harness.run(["-qec", ([Harness.binary.path] + command).joined(separator: " "), "/dev/null"],
                               executable: URL(fileURLWithPath: "/usr/bin/script"), environment: now)
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

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

    /// The first file read is shown at once; the last line shown is
    /// cleared (spaces over it, back to its start) before the output is
    /// written. A run slowed down may show other updates between, each on
    /// the same line.
    @Test func shownOnATerminalThenCleared() throws {
        let r = try run(onTerminal: true)
        #expect(r.status == 1)  // a line is crossed in the fund complex
        // On the terminal, standard output and error are one stream.
        let header = "class,person,name,threshold,status"
        guard let body = r.stdout.range(of: header) else { Issue.record("no table: \(r.stdout.prefix(200).debugDescription)"); return }
        let progress = String(r.stdout[..<body.lowerBound])
        #expect(progress.hasPrefix("\rreading classes.csv"), "\(progress.debugDescription)")
        // Updates, each "\r" and a line padded over the last, then the clear.
        let updates = progress.split(separator: "\r", omittingEmptySubsequences: false).dropFirst()
        let lines = Array(updates.dropLast(2)), clear = updates.dropFirst(updates.count - 2)
        #expect(lines.count >= 1 && lines.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(progress.debugDescription)")
        #expect(clear.count == 2 && clear.last == "", "\(progress.debugDescription)")
        if let blank = clear.first, let last = lines.last {
            #expect(!blank.isEmpty && blank.allSatisfy { $0 == " " } && blank.count == last.reversed().drop(while: { $0 == " " }).count, "\(progress.debugDescription)")
        }
    }

    @Test func nothingWhenStandardErrorIsAFile() throws {
        let r = try run(onTerminal: false)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.hasPrefix("class,person,name,threshold,status"))
    }
}

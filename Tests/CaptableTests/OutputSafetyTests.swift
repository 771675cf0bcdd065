import Foundation
import Testing

/// Nothing of the user's is destroyed: an output that is an input, a book
/// written over a directory, a run stopped by a signal, a FIFO.
@Suite struct OutputSafetyTests {
    static func smallCase() throws -> URL {
        try Harness.makeCase([
            "classes.csv": "class,issuer,title,outstanding,as_of\nc,I,Common,\"1,000\",2025-06-30\n",
            "persons.csv": "id,name,kind\na,A,entity\n",
            "holdings.csv": "holder,class,shares\na,c,600\n",
        ])
    }

    static func leftovers(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    }

    /// `--output` naming a file the command reads, by its path, another path, or a link: exit 73,
    /// the file byte for byte as it was, no temporary file left.
    @Test(arguments: ["same", "other path", "link"])
    func outputThatIsAnInput(_ how: String) throws {
        let dir = try Self.smallCase()
        let holdings = dir.appendingPathComponent("holdings.csv")
        let before = try Data(contentsOf: holdings)
        var output = holdings.path
        if how == "other path" { output = dir.appendingPathComponent("./sub/../holdings.csv").path
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true) }
        if how == "link" {
            let link = try Harness.temporaryDirectory().appendingPathComponent("out.csv")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: holdings)
            output = link.path
        }
        let run = try Harness.run(["ownership", dir.path, "--format", "csv", "--output", output])
        #expect(run.status == 73)
        #expect(run.stderr.contains("cannot write the output: it is \(dir.path)/holdings.csv, which this command reads"), "\(run.stderr)")
        #expect(try Data(contentsOf: holdings) == before)
        #expect(try Self.leftovers(dir).isEmpty)
    }

    /// `generate` into a directory that is not empty: refused (73), its files untouched, unless --force.
    @Test func generateIntoAFullDirectory() throws {
        let dir = try Self.smallCase()
        let before = try Data(contentsOf: dir.appendingPathComponent("holdings.csv"))
        let run = try Harness.run(["generate", dir.path, "--scale", "1"])
        #expect(run.status == 73)
        #expect(run.stderr.contains("the directory is not empty; give --force"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("holdings.csv")) == before)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("groups.csv").path))
    }

    /// `--output ''` and `--output dir/` are usage errors (64).
    @Test(arguments: ["", "some/dir/"])
    func outputThatIsNoFile(_ output: String) throws {
        let run = try Harness.run(["ownership", try Self.smallCase().path, "--output", output])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--output names a file"))
    }

    /// A FIFO as --output is refused at once (73) rather than waiting for a reader; a FIFO as an
    /// input file cannot be read (66).
    @Test func fifos() throws {
        let dir = try Self.smallCase()
        let fifo = try Harness.temporaryDirectory().appendingPathComponent("out.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let out = try Harness.run(["ownership", dir.path, "--output", fifo.path])
        #expect(out.status == 73)
        #expect(out.stderr.contains("it is not a regular file"))
        let input = try Self.smallCase()
        try FileManager.default.removeItem(at: input.appendingPathComponent("holdings.csv"))
        #expect(mkfifo(input.appendingPathComponent("holdings.csv").path, 0o600) == 0)
        let read = try Harness.run(["validate", input.path])
        #expect(read.status == 66)
        #expect(read.stderr.contains("holdings.csv: error: the file cannot be read"))
    }

    /// A run stopped by SIGTERM, SIGINT or SIGHUP while it writes removes its temporary file;
    /// the file it would have replaced stays as it was.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func interruptedRun(_ signal: Int32) throws {
        let dir = try Harness.holdersCase(300_000, classes: "class,issuer,title,as_of\nc,I,Common,2025-06-30\n")
        let outDir = try Harness.temporaryDirectory()
        let out = outDir.appendingPathComponent("out.csv")
        try Data("old\n".utf8).write(to: out)
        let process = Process()
        // Started with no signal blocked: the test runner's threads block them, and a child inherits that.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                             Harness.binary.path, "ownership", dir.path, "--format", "table", "--output", out.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Waits for the temporary file, then stops the run.
        var seen = false
        while process.isRunning && !seen {
            seen = try !Self.leftovers(outDir).isEmpty
            if !seen { usleep(2_000) }
        }
        #expect(seen, "the run ended before its temporary file was seen")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Self.leftovers(outDir).isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8) == "old\n")
    }
}

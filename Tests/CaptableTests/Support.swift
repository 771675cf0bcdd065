import Foundation
import Testing

/// Runs the built `captable` binary, as a user would.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Harness {
    /// The package's root, found from this file's path.
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// The `captable` binary beside the test bundle (SwiftPM builds it for the tests).
    static let binary: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("captable")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue {
                return candidate
            }
            dir.deleteLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/captable")
    }()

    /// Runs the binary; standard output and error go to files, so that neither
    /// can fill a pipe and stall the child.
    /// `executable` runs in place of the binary (a wrapper such as `script`);
    /// `environment` is added to the test's own.
    static func run(_ arguments: [String], in directory: URL? = nil, executable: URL = binary,
                    environment: [String: String] = [:]) throws -> Run {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The directory that holds every temporary directory of this run of
    /// the tests; removed, with all in it, when the run ends.
    static let runDirectory: URL = {
        let url = runDirectoryURL()
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Harness.runDirectoryURL()) }
        return url
    }()

    private static func runDirectoryURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("captable-tests-\(getpid())")
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = runDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a case directory from file contents.
    static func makeCase(_ files: [String: String]) throws -> URL {
        let dir = try temporaryDirectory()
        for (name, text) in files {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        return dir
    }

    /// A case of one class whose `n` persons p0, p1, … hold 1, 2, … shares,
    /// in classes.csv's `classes` text: a table of `n` rows.
    static func holdersCase(_ n: Int, classes: String) throws -> URL {
        var persons = "id,name,kind\n", holdings = "holder,class,shares\n"
        for i in 0..<n {
            persons += "p\(i),Person \(i),individual\n"
            holdings += "p\(i),c,\(i + 1)\n"
        }
        return try makeCase(["classes.csv": classes, "persons.csv": persons, "holdings.csv": holdings])
    }

    /// Parses CSV output (the tool's own, which quotes only where needed) into dictionaries.
    static func records(_ csv: String) -> [[String: String]] {
        var rows: [[String]] = []
        var field = "", row: [String] = [], quoted = false
        var it = Array(csv).makeIterator()
        var pending: Character?
        while let ch = pending ?? it.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = it.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" { quoted = true }
            else if ch == "," { row.append(field); field = "" }
            else if ch == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(ch) }
        }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

/// A run with its peak resident memory, for the limit tests.
struct MeasuredRun {
    var status: Int32
    var peakKiB: Int
}

extension Harness {
    /// Runs the binary with output to /dev/null and reports its exit status and
    /// peak memory (getrusage through wait4). Kills it after `timeout` seconds:
    /// a guard against a hang, not a speed measurement.
    static func runMeasured(_ arguments: [String], timeout: Int = 300) throws -> MeasuredRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // GNU time forks the command and reports its own peak. A process
        // posix_spawn starts inherits the peak of the test runner (the kernel
        // keeps the largest resident size across exec), which would measure
        // the runner, not the command.
        let report = try temporaryDirectory().appendingPathComponent("peak")
        let argv = (["/usr/bin/time", "-f", "%M", "-o", report.path, binary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/usr/bin/time", &actions, nil, argv, environ)
        guard spawned == 0 else { throw HarnessError(description: "posix_spawn: \(spawned)") }
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                throw HarnessError(description: "timed out after \(timeout) s: \(arguments)")
            }
            usleep(20_000)
        }
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        // The last line is the peak in KiB (a line before it may give the exit status).
        let lines = try String(contentsOf: report, encoding: .utf8).split(separator: "\n")
        guard let peak = lines.last.flatMap({ Int($0) }) else { throw HarnessError(description: "no peak from /usr/bin/time: \(lines)") }
        return MeasuredRun(status: exit, peakKiB: peak)
    }
}

struct HarnessError: Error, CustomStringConvertible { var description: String }

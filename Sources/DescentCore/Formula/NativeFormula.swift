import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a formula could not be compiled to native code; the formula still runs, interpreted.
public struct NativeFormulaError: Error, CustomStringConvertible, Sendable {
  /// One line saying what failed and what to do about it.
  public let message: String
  public var description: String { message }
}

/// Where native formula code is compiled and cached.
///
/// ```
/// compiler:  $DESCENT_CC, else clang, else cc, on PATH
/// cache:     $XDG_CACHE_HOME/descent, else ~/.cache/descent
/// flags:     -O2 -shared -fPIC -ffp-contract=off -fno-builtin -fno-math-errno
///            -fno-tree-slp-vectorize -lm
/// ```
///
/// `-fno-tree-slp-vectorize` (clang and gcc both take it) keeps the point's coordinates
/// loaded one scalar at a time. Vectorized, `x[0]` and `x[1]` were one 16-byte load, which
/// cannot be forwarded from the caller's 8-byte store of `x[0]` just before the call: the
/// load waited for the store to reach the cache, 23 ns instead of 5 per Rosenbrock
/// gradient in a loop that moves `x[0]` (AMD EPYC; the interpreter's
/// ``FormulaKernel/copy(_:from:to:)`` avoids the same stall).
public struct NativeFormulaOptions: Sendable {
  /// The C compiler (a path or a name looked up on `PATH`); `nil`: the default above.
  public var compiler: String?
  /// The cache directory; `nil`: the default above.
  public var cacheDirectory: String?

  public init(compiler: String? = nil, cacheDirectory: String? = nil) {
    self.compiler = compiler
    self.cacheDirectory = cacheDirectory
  }

  /// The flags every file is compiled with (see ``FormulaCSource`` for why each matters).
  static let flags = [
    "-O2", "-shared", "-fPIC", "-ffp-contract=off", "-fno-builtin", "-fno-math-errno", "-fno-tree-slp-vectorize",
    "-w",
  ]
}

/// A loaded shared object of compiled formula code.
///
/// Built from C source by ``load(source:options:)``: the object's file name is a hash of
/// the source, the compiler and the flags, so each formula is compiled once per machine
/// and later loads reuse the file. The object is written under a temporary name and
/// renamed into place, so concurrent processes never load a half-written file.
final class NativeFormulaLibrary: @unchecked Sendable {
  let handle: UnsafeMutableRawPointer
  /// The shared object's path.
  let path: String
  /// Whether this load ran the compiler (false: the cached object was reused).
  let compiled: Bool

  private init(handle: UnsafeMutableRawPointer, path: String, compiled: Bool) {
    self.handle = handle
    self.path = path
    self.compiled = compiled
  }

  deinit { dlclose(handle) }

  /// The address of the function `name`.
  func symbol(_ name: String) throws(NativeFormulaError) -> UnsafeRawPointer {
    guard let p = dlsym(handle, name) else {
      throw NativeFormulaError(message: "native formula code: \(path) has no symbol \(name)")
    }
    return UnsafeRawPointer(p)
  }

  /// Compiles `source` (or finds it in the cache) and loads it.
  static func load(source: String, options: NativeFormulaOptions) throws(NativeFormulaError) -> NativeFormulaLibrary {
    let environment = ProcessInfo.processInfo.environment
    let compiler = try resolveCompiler(options.compiler ?? environment["DESCENT_CC"], environment)
    let directory = try cacheDirectory(options.cacheDirectory, environment)
    let key = fnv1a(source + "\u{0}" + compiler + "\u{0}" + NativeFormulaOptions.flags.joined(separator: " "))
    let path = directory + "/formula-" + String(key, radix: 16) + ".so"
    var compiled = false
    if !FileManager.default.fileExists(atPath: path) {
      try compile(source, compiler: compiler, to: path, in: directory)
      compiled = true
    }
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
      throw NativeFormulaError(message: "native formula code: cannot load \(path): \(reason)")
    }
    return NativeFormulaLibrary(handle: handle, path: path, compiled: compiled)
  }

  /// The compiler's path: `requested` (a path, or a name on `PATH`), else `clang`, else `cc`.
  static func resolveCompiler(_ requested: String?, _ environment: [String: String]) throws(NativeFormulaError)
    -> String
  {
    let searchPath = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    func find(_ name: String) -> String? {
      if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
      for directory in searchPath where !directory.isEmpty {
        let candidate = directory + "/" + name
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
      return nil
    }
    if let requested, !requested.isEmpty {
      guard let path = find(requested) else {
        throw NativeFormulaError(
          message: "native formula code: the C compiler '\(requested)' is not an executable file (set DESCENT_CC to a C compiler, or leave it unset for clang or cc)")
      }
      return path
    }
    guard let path = find("clang") ?? find("cc") else {
      throw NativeFormulaError(
        message: "native formula code: no C compiler found (neither clang nor cc on PATH; set DESCENT_CC)")
    }
    return path
  }

  /// The cache directory, created if missing.
  static func cacheDirectory(_ requested: String?, _ environment: [String: String]) throws(NativeFormulaError)
    -> String
  {
    let directory: String
    if let requested {
      directory = requested
    } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
      directory = xdg + "/descent"
    } else {
      directory = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/descent"
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw NativeFormulaError(message: "native formula code: cannot create the cache directory \(directory): \(error)")
    }
    return directory
  }

  /// Writes `source` to a temporary file, compiles it to a temporary object and renames
  /// the object to `path`.
  static func compile(_ source: String, compiler: String, to path: String, in directory: String)
    throws(NativeFormulaError)
  {
    let stem = directory + "/tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    let cFile = stem + ".c"
    let object = stem + ".so"
    defer {
      try? FileManager.default.removeItem(atPath: cFile)
      try? FileManager.default.removeItem(atPath: object)
    }
    do {
      try source.write(toFile: cFile, atomically: false, encoding: .utf8)
    } catch {
      throw NativeFormulaError(message: "native formula code: cannot write \(cFile): \(error)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: compiler)
    process.arguments = NativeFormulaOptions.flags + ["-o", object, cFile, "-lm"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw NativeFormulaError(message: "native formula code: cannot run \(compiler): \(error)")
    }
    let diagnostics = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let text = String(decoding: diagnostics, as: UTF8.self).split(separator: "\n").prefix(3).joined(separator: " | ")
      throw NativeFormulaError(
        message: "native formula code: \(compiler) failed (exit \(process.terminationStatus)): \(text)")
    }
    guard rename(object, path) == 0 else {
      throw NativeFormulaError(message: "native formula code: cannot move the compiled object to \(path)")
    }
  }

  /// 64-bit FNV-1a of `text`'s UTF-8 bytes (the cache key).
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }
}

/// The native value, gradient and Hessian functions of one formula in one precision, and
/// the library that keeps them loaded.
final class NativeFormula: @unchecked Sendable {
  let library: NativeFormulaLibrary
  /// `T descent_value(const T *x)`.
  let value: UnsafeRawPointer
  /// `T descent_gradient(const T *x, T *g)`.
  let gradient: UnsafeRawPointer
  /// `T descent_hessian(const T *x, T *g, T *h)`.
  let hessian: UnsafeRawPointer

  init(_ formula: Formula, precision: FormulaCSource.Precision, options: NativeFormulaOptions)
    throws(NativeFormulaError)
  {
    library = try NativeFormulaLibrary.load(
      source: FormulaCSource.translationUnit(formula, precision), options: options)
    value = try library.symbol("descent_value")
    gradient = try library.symbol("descent_gradient")
    hessian = try library.symbol("descent_hessian")
  }
}

/// The addresses of a ``NativeFormula``'s functions (valid while it is alive).
@usableFromInline
struct NativeFormulaEntryPoints: @unchecked Sendable {
  @usableFromInline let value: UnsafeRawPointer
  @usableFromInline let gradient: UnsafeRawPointer
  @usableFromInline let hessian: UnsafeRawPointer

  init(value: UnsafeRawPointer, gradient: UnsafeRawPointer, hessian: UnsafeRawPointer) {
    self.value = value
    self.gradient = gradient
    self.hessian = hessian
  }
}

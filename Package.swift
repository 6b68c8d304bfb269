// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Downhill",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "Downhill", targets: ["Downhill"]),
    .library(name: "DownhillPlot", targets: ["DownhillPlot"]),
    .library(name: "DownhillFigures", targets: ["DownhillFigures"]),
    .library(name: "DownhillTesting", targets: ["DownhillTesting"]),
    .executable(name: "downhill", targets: ["DownhillCLI"]),
    .executable(name: "downhill-draw", targets: ["DownhillDrawCLI"]),
    .executable(name: "downhill-bench", targets: ["DownhillBench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // The counters a streamed history's training and writer threads share (StepRing).
    .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
    // `swift package generate-documentation` for the DocC catalogue.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
  ],
  targets: [
    // C libraries, each through pkg-config with the Debian package that provides it.
    .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
    // cblas.h for the tests only. SwiftPM adds a system library's pkg-config Libs (-lopenblas)
    // to every product that depends on it, and swiftc hands -Xlinker flags to the linker after
    // every -l, too late for --as-needed to drop it. The products load OpenBLAS by CBLASLoader.
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CGif", pkgConfig: "libgif", providers: [.apt(["libgif-dev"])]),

    // Training core: no Cairo. CNumpyMath: np.exp and small np.dot products, rounded as numpy
    // rounds them (C for the FMA instruction and its runtime check).
    // The dense network's kernels too (dense_network.h), whose large products go to OpenBLAS.
    .target(
      name: "CNumpyMath", dependencies: ["CBLASLoader"], linkerSettings: [.linkedLibrary("m")]),
    // OpenBLAS (libopenblas.so.0) opened with dlopen by the first product that needs it: linked
    // in, loading it was a fifth of `downhill tutorial t2` (6.1 → 4.9 ms), which never uses it.
    .target(name: "CBLASLoader"),
    // Temporary files (a streamed history, a figure being written) deleted when SIGINT, SIGTERM
    // or SIGHUP ends the process.
    .target(name: "CTemporaryFiles"),
    // Which core a thread runs on, and keeping one off it (StepRing's consumer).
    .target(name: "CThreadPlacement"),
    .target(
      name: "Downhill",
      dependencies: [
        "CBLASLoader", "CZlib", "CNumpyMath", "CTemporaryFiles", "CThreadPlacement", "CDecimalText",
        .product(name: "Atomics", package: "swift-atomics"),
      ]),
    // Plotting core: no training. giflib encodes animations.
    // libpng with our own compression settings; C, because libpng reports errors by longjmp.
    .target(name: "CPNGWriter", linkerSettings: [.linkedLibrary("png16")]),
    // printf's "%.Nf" for labels and rounding: String(format:) alone linked all of Foundation,
    // CoreFoundation and ICU's data into `downhill` (a third of its start-up).
    .target(name: "CDecimalText"),
    .target(
      name: "DownhillPlot",
      dependencies: ["CCairo", "CGif", "CPNGWriter", "CTemporaryFiles", "CDecimalText"]),

    // Figure assertions for test suites: baseline PNGs, RMS tolerance, diff images.
    .target(name: "DownhillTesting", dependencies: ["DownhillPlot"]),
    // The figure catalogue: small functions from recorded runs and tables to figures.
    .target(name: "DownhillFigures", dependencies: ["Downhill", "DownhillPlot"]),

    // The command line: `downhill` trains without loading Cairo, and hands the drawing commands
    // to `downhill-draw` beside it (DrawingCommands says why). Not a dependency of `downhill`:
    // SwiftPM would link the plotting core into it. `swift build` builds both.
    .target(
      name: "DownhillCLISupport",
      dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .executableTarget(
      name: "DownhillCLI",
      dependencies: [
        "Downhill", "DownhillCLISupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      linkerSettings: commandLineLinking),
    .executableTarget(
      name: "DownhillDrawCLI",
      dependencies: [
        "Downhill", "DownhillPlot", "DownhillFigures", "DownhillCLISupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      linkerSettings: commandLineLinking),

    .executableTarget(
      name: "DownhillBench", dependencies: ["Downhill", "DownhillPlot", "DownhillFigures"]),

    .testTarget(
      name: "DownhillTests",
      dependencies: ["Downhill", "COpenBLAS", "CTemporaryFiles", "CNumpyMath"],
      resources: [.copy("Data")]),
    .testTarget(
      name: "DownhillPlotTests", dependencies: ["DownhillPlot", "DownhillTesting", "CGif"],
      exclude: ["__Figures__"]),
    .testTarget(
      name: "DownhillFiguresTests", dependencies: ["DownhillFigures", "DownhillTesting"],
      exclude: ["__Figures__"]),
  ]
)

// How the two command-line executables link.
// The Swift runtime and FoundationEssentials linked in: loading and relocating their dozen
// shared libraries was most of a short command's time (`downhill tutorial t2` 12.6 → 7.7 ms).
// The libraries these products use call nothing of Foundation proper, so neither it nor
// CoreFoundation and ICU's data are linked (33 MB; 82 MB with them). Only these products: the
// modules are compiled against the shared libraries' interfaces, whose link lists lack the
// static archives' own dependencies, hence the libraries after -static-stdlib.
// Not position-independent: the loader applied 82,000 relative relocations to it at every
// start, faulting in its data pages (`tutorial t2` 5.1 → 4.4 ms). The trade: no address
// randomisation for these executables' own code (the shared libraries keep theirs).
// libstdc++ linked in as well, through the linker script in Linking/StaticLibStdCXX (why there:
// see the script).
// libgcc too (-static-libgcc): libgcc_s.so's constructor asked cpuid a dozen questions at every
// start, each a VM exit here (`tutorial t2` 2.84 → 2.69 ms, alternating runs, medians of 150).
var commandLineLinking: [LinkerSetting] {
  [
    .unsafeFlags(
      [
        "-static-stdlib", "-Xlinker", "-no-pie", "-l_FoundationCollections",
        "-l_FoundationCShims", "-lswiftSynchronization", "-lstdc++", "-Xclang-linker",
        "-static-libgcc",
        "-L\(Context.packageDirectory)/Linking/StaticLibStdCXX",
      ], .when(platforms: [.linux]))
  ]
}

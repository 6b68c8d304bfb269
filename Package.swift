// swift-tools-version:6.0
import PackageDescription

// Linux only: the code uses Glibc, /proc and renameat2.
let package = Package(
  name: "Downhill",
  products: [
    .library(name: "Downhill", targets: ["Downhill"]),
    .library(name: "DownhillPlot", targets: ["DownhillPlot"]),
    .library(name: "DownhillFigures", targets: ["DownhillFigures"]),
    .library(name: "DownhillTesting", targets: ["DownhillTesting"]),
    .executable(name: "downhill", targets: ["DownhillCLI"]),
    .executable(name: "downhill-bench", targets: ["DownhillBench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // `swift package generate-documentation` for the DocC catalogue.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // C libraries, each through pkg-config with the Debian package that provides it.
    .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CGif", pkgConfig: "libgif", providers: [.apt(["libgif-dev"])]),
    // SHA-256 of a run's CSV data, so that a report refuses data that changed since the run.
    .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

    // np.exp and small np.dot products rounded as numpy rounds them (C for the FMA instruction
    // and its runtime check), and the dense network's pass, whose large products go to OpenBLAS.
    .target(
      name: "CNumpyMath", dependencies: ["COpenBLAS"], linkerSettings: [.linkedLibrary("m")]),
    // Temporary files and folders deleted when SIGINT, SIGTERM or SIGHUP ends the process.
    .target(name: "CTemporaryFiles"),
    // Files and folders written whole under a temporary name and swapped in: one writer for
    // histories, figures and reports.
    .target(name: "AtomicFiles", dependencies: ["CTemporaryFiles"]),

    // Training core: no Cairo.
    .target(
      name: "Downhill",
      dependencies: ["COpenBLAS", "CZlib", "COpenSSL", "CNumpyMath", "AtomicFiles"]),

    // Plotting core: no training. giflib encodes animations; libpng through C, because it
    // reports errors by longjmp; OpenSSL's SHA-256 names an SVG's ids after its content.
    .target(name: "CPNGWriter", linkerSettings: [.linkedLibrary("png16")]),
    .target(
      name: "DownhillPlot",
      dependencies: [
        "CCairo", "CGif", "CPNGWriter", "COpenSSL", "AtomicFiles",
      ]),

    // Figure assertions for test suites: text records compared exactly, baseline PNGs drawn
    // without text compared within a pixel tolerance, diff images.
    .target(name: "DownhillTesting", dependencies: ["DownhillPlot"]),
    // The figure catalogue: small functions from recorded runs and tables to figures.
    .target(name: "DownhillFigures", dependencies: ["Downhill", "DownhillPlot"]),

    // The command line, thin: all logic lives in the libraries.
    .executableTarget(
      name: "DownhillCLI",
      dependencies: [
        "Downhill", "DownhillPlot", "DownhillFigures", "AtomicFiles",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .executableTarget(
      name: "DownhillBench", dependencies: ["Downhill", "DownhillPlot", "DownhillFigures"]),

    .testTarget(
      name: "DownhillTests",
      dependencies: ["Downhill", "COpenBLAS", "CTemporaryFiles", "CNumpyMath", "AtomicFiles"],
      resources: [.copy("Data")]),
    .testTarget(
      name: "DownhillPlotTests", dependencies: ["DownhillPlot", "DownhillTesting", "CGif"],
      exclude: ["__Figures__"]),
    .testTarget(
      name: "DownhillFiguresTests", dependencies: ["DownhillFigures", "DownhillTesting"],
      exclude: ["__Figures__"], resources: [.copy("Data")]),
  ]
)

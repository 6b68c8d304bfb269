import Foundation

/// The two halves MNIST is distributed in.
public enum MNISTSplit: String, Sendable, CaseIterable, Codable {
  /// 60,000 training images.
  case train
  /// 10,000 test images.
  case test

  var filePrefix: String { self == .train ? "train" : "t10k" }
}

extension Dataset {
  /// The MNIST handwritten digits from the four IDX files in `directory`.
  ///
  /// Accepts the original names (`train-images-idx3-ubyte`), the dotted variant
  /// (`train-images.idx3-ubyte`), each plain or with `.gz`. Inputs are the 784 pixels of each
  /// 28×28 image, row by row, scaled from 0…255 to 0…1; targets are the labels one-hot encoded
  /// over 10 columns.
  ///
  /// `split` picks the training or the test files; `limit` keeps only the first `limit` examples.
  /// - Throws: `IDXError` naming the file for a missing, truncated or malformed file.
  public static func mnist(directory: URL, split: MNISTSplit, limit: Int? = nil) throws(IDXError)
    -> Dataset
  {
    let imagesURL = try mnistFile(directory, split, kind: "images", rank: 3)
    let labelsURL = try mnistFile(directory, split, kind: "labels", rank: 1)
    let images = try readChecked(imagesURL, magic: 0x0000_0803, role: "images")
    let labels = try readChecked(labelsURL, magic: 0x0000_0801, role: "labels")
    var dataset = try mnist(
      images: images, labels: labels, limit: limit, name: "mnist-\(split.rawValue)")
    dataset.source = .mnist(folder: directory.standardizedFileURL.path, split: split, limit: limit)
    return dataset
  }

  /// Builds an MNIST-style dataset from an images file (n×rows×columns bytes) and a labels file
  /// (n bytes, each 0…9).
  public static func mnist(
    images: IDXFile, labels: IDXFile, limit: Int? = nil, name: String = "mnist"
  )
    throws(IDXError) -> Dataset
  {
    guard images.magic == 0x0000_0803 else {
      throw IDXError.unexpectedMagic(found: images.magic, expected: 0x0000_0803, role: "images")
    }
    guard labels.magic == 0x0000_0801 else {
      throw IDXError.unexpectedMagic(found: labels.magic, expected: 0x0000_0801, role: "labels")
    }
    guard images.dimensions[0] == labels.dimensions[0] else {
      throw IDXError.invalid(
        "MNIST images file holds \(images.dimensions[0]) images but labels file holds \(labels.dimensions[0]) labels"
      )
    }
    if let limit, limit < 0 {
      throw IDXError.invalid("MNIST limit must not be negative, got \(limit)")
    }
    let count = min(images.dimensions[0], limit ?? .max)
    let pixels = images.dimensions[1] * images.dimensions[2]
    guard count > 0, pixels > 0 else {
      throw IDXError.invalid(
        "MNIST \(name) holds \(count == 0 ? "no images" : "empty images")\(limit == 0 ? " (limit 0)" : ""): nothing to train or score on; give complete MNIST files"
      )
    }

    var inputs = [Double](repeating: 0, count: count * pixels)
    images.payload.withUnsafeBufferPointer { source in
      inputs.withUnsafeMutableBufferPointer { destination in
        for i in 0..<(count * pixels) { destination[i] = Double(source[i]) / 255 }
      }
    }
    var targets = [Double](repeating: 0, count: count * 10)
    for i in 0..<count {
      let label = Int(labels.payload[i])
      guard label < 10 else {
        throw IDXError.invalid("MNIST label \(i) is \(label), not a digit 0…9")
      }
      targets[i * 10 + label] = 1
    }
    return Dataset(
      name: name, inputs: Matrix(rows: count, columns: pixels, values: inputs),
      targets: Matrix(rows: count, columns: 10, values: targets))
  }

  private static func mnistFile(_ directory: URL, _ split: MNISTSplit, kind: String, rank: Int)
    throws(IDXError) -> URL
  {
    let stem = "\(split.filePrefix)-\(kind)"
    let candidates = ["\(stem)-idx\(rank)-ubyte", "\(stem).idx\(rank)-ubyte"].flatMap {
      [$0, $0 + ".gz"]
    }
    for name in candidates {
      let url = directory.appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: url.path) { return url }
    }
    throw IDXError.missingFile(directory: directory.path, tried: candidates)
  }

  private static func readChecked(_ url: URL, magic: UInt32, role: String) throws(IDXError)
    -> IDXFile
  {
    let name = url.lastPathComponent
    let file: IDXFile
    do { file = try IDXFile(contentsOf: url) } catch { throw IDXError.inFile(name, error) }
    guard file.magic == magic else {
      throw IDXError.inFile(name, .unexpectedMagic(found: file.magic, expected: magic, role: role))
    }
    return file
  }
}

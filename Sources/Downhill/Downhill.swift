/// Downhill's training core: matrices, a numpy-compatible RNG, networks, optimizers, datasets
/// and the `History` a run records. It never imports Cairo.
public enum DownhillVersion {
  public static let string = "0.1.0"
}

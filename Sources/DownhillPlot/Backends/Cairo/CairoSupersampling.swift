import CCairo

extension CairoRenderer {
  /// Samples per device pixel along each side.
  static let supersampling = 4
  /// The most samples one batch may take (16 per pixel: a 1,600 × 1,600 pixel region).
  static let maximumSamples = 41_000_000

  /// Draws a batch of neighbouring polygons without antialiasing at 4 × 4 samples per device
  /// pixel and averages them, so each pixel shows the faces in it in proportion to their area.
  /// Antialiasing each polygon on its own blends a shared edge's pixels with what lay beneath
  /// (a light seam of background between neighbours), and a band of slivers seen edge-on lets
  /// the far face behind it show through. False, drawing nothing, when the target is not an
  /// image (PDF keeps vector polygons) or the region would take too many samples.
  func drawSupersampled(_ batch: PolygonBatch) -> Bool {
    let target = cairo_get_target(cr)
    guard cairo_surface_get_type(target) == CAIRO_SURFACE_TYPE_IMAGE else { return false }
    var (x0, y0, x1, y1) = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
    for p in batch.points {
      var (x, y) = (p.x, p.y)
      cairo_user_to_device(cr, &x, &y)
      (x0, y0, x1, y1) = (min(x0, x), min(y0, y), max(x1, x), max(y1, y))
    }
    var widthInDevice = batch.edgeWidth
    var zero = 0.0
    cairo_user_to_device_distance(cr, &widthInDevice, &zero)
    let pad = abs(widthInDevice) + 2
    guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return false }
    let left = max(0, Int((x0 - pad).rounded(.down)))
    let top = max(0, Int((y0 - pad).rounded(.down)))
    let right = min(Int(cairo_image_surface_get_width(target)), Int((x1 + pad).rounded(.up)))
    let bottom = min(Int(cairo_image_surface_get_height(target)), Int((y1 + pad).rounded(.up)))
    let k = Self.supersampling
    let (w, h) = (right - left, bottom - top)
    guard w > 0, h > 0 else { return true }
    guard w * h * k * k <= Self.maximumSamples else { return false }

    let fine = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w * k), Int32(h * k))!
    defer { cairo_surface_destroy(fine) }
    let fineContext = cairo_create(fine)!
    // The same user space, shifted to the region's corner and scaled by k.
    var user = cairo_matrix_t()
    cairo_get_matrix(cr, &user)
    user.x0 -= Double(left)
    user.y0 -= Double(top)
    var scale = cairo_matrix_t()
    cairo_matrix_init_scale(&scale, Double(k), Double(k))
    var matrix = cairo_matrix_t()
    cairo_matrix_multiply(&matrix, &user, &scale)
    cairo_set_matrix(fineContext, &matrix)
    var aliased = batch
    (aliased.antialias, aliased.seamless) = (false, false)
    CairoRenderer(context: fineContext).drawPolygons(aliased)
    cairo_destroy(fineContext)
    cairo_surface_flush(fine)

    let coarse = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h))!
    defer { cairo_surface_destroy(coarse) }
    cairo_surface_flush(coarse)
    guard let from = cairo_image_surface_get_data(fine),
      let to = cairo_image_surface_get_data(coarse)
    else { return false }
    let fromStride = Int(cairo_image_surface_get_stride(fine))
    let toStride = Int(cairo_image_surface_get_stride(coarse))
    // Premultiplied channels average directly; every byte of a word is one channel.
    var sums = [UInt32](repeating: 0, count: w * 4)
    for y in 0..<h {
      for i in sums.indices { sums[i] = 0 }
      for sy in 0..<k {
        let row = from.advanced(by: (y * k + sy) * fromStride)
        for x in 0..<w {
          for sx in 0..<k {
            let byte = (x * k + sx) * 4
            for c in 0..<4 { sums[x * 4 + c] += UInt32(row[byte + c]) }
          }
        }
      }
      let out = to.advanced(by: y * toStride)
      let n = UInt32(k * k)
      for i in sums.indices { out[i] = UInt8((sums[i] + n / 2) / n) }
    }
    cairo_surface_mark_dirty(coarse)
    cairo_save(cr)
    cairo_identity_matrix(cr)
    cairo_set_source_surface(cr, coarse, Double(left), Double(top))
    cairo_paint(cr)
    cairo_restore(cr)
    return true
  }
}

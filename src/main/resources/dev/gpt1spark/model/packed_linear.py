# oneDNN's linear on weights re-laid out once ("packed"), for PackedLinear.java and, in front of
# fused_layer.py, for the fused blocks. TorchScript as libtorch reads it back: no imports; a
# function defined here is called by its qualified name, __torch__.name.
#
# Weights are packed with their output rows padded to a multiple of 64 (zeros) and the padding's
# columns dropped from each product: the oneDNN inside libtorch 2.7.1 computes some other output
# widths wrongly on AVX-512 CPUs (PackedLinearTest checks every width up to 130).


def pack(w: Tensor) -> Tensor:
    # w (out, in), nn.Linear's layout  ->  packed (out + pad, in)
    pad = (64 - w.size(0) % 64) % 64
    return ops.mkldnn._reorder_linear_weight(torch.constant_pad_nd(w, [0, 0, 0, pad], 0.0))


def linear(x: Tensor, weight: List[Tensor], b: Optional[Tensor], out: int) -> Tensor:
    # x (N, in) · Wᵀ + b  ->  (N, out); weight = [w packed by __torch__.pack], a list as
    # quantized_linear.py's linear, which takes the same arguments
    w = weight[0]
    if w.size(0) == out:
        return ops.mkldnn._linear_pointwise(x, w, b, "none", annotate(List[Optional[number]], []), "")
    y = ops.mkldnn._linear_pointwise(x, w, None, "none", annotate(List[Optional[number]], []), "")
    y = y.narrow(1, 0, out)  # (N, out), the padding's columns dropped
    if b is None:
        return y
    return y + b


class PackOutIn(Module):
  # a weight stored (out, in), e.g. the tied LM head
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PackOutIn, w: Tensor) -> Tensor:
    return __torch__.pack(w)


class PackInOut(Module):
  # a weight stored (in, out), GPT's Conv1D layout
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PackInOut, w: Tensor) -> Tensor:
    return __torch__.pack(w.t().contiguous())


class PackedProduct(Module):
  # x (…, in) · Wᵀ  ->  (…, out): oneDNN takes 2-D input, so rows are flattened and the leading
  # shape restored
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PackedProduct, x: Tensor, w: Tensor, out: int) -> Tensor:
    y = __torch__.linear(x.flatten(0, -2), [w], None, out)  # (N, out)
    return y.unflatten(0, x.shape[:-1])  # (…, out)

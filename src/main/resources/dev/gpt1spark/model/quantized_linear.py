# int8 linear for --precision int8: QuantizedLinear.java and, in front of fused_layer.py, the int8
# fused blocks. TorchScript as libtorch reads it back: no imports; a function defined here is
# called by its qualified name, __torch__.name.
#
# Weights: symmetric int8 per output row (scale = the row's largest |w| / 127), quantized once at
# load and re-laid out by oneDNN (onednn::qlinear_prepack). Activations: quantized at every call,
# one scale per row (per token), so a row's product never depends on the other rows of the batch.
# A row x is stored in uint8 as round(x · L / max|x|) + Z; oneDNN multiplies in integers and
# returns float32 (q − Z)/L · W, which the row's max|x| then scales back. L and Z come from
# __torch__.activation_levels() and __torch__.activation_zero(), which QuantizedLinear.java puts
# in front of this file for the CPU: 127 and 128 where it has VNNI; 63 and 64 elsewhere, where
# the AVX2 kernels add pairs of uint8 × int8 products in 16 bits and would saturate past 32,767.
# docs/precision.md says why this kernel.


def row_scales(w: Tensor) -> Tensor:
    # w (out, in) -> (out,): the float a unit of row j's int8 stands for
    return w.abs().amax(1).clamp_min(1e-30) / 127.0


def pack(w: Tensor, scales: Tensor) -> Tensor:
    # w (out, in) -> oneDNN's int8 weight; the integers stay within ±127
    # contiguous: a transposed view would give q its strides, which the prepack ignores
    q = torch.round(w / scales.unsqueeze(1)).clamp(-127.0, 127.0).to(1).contiguous()  # int8
    return ops.onednn.qlinear_prepack(q, None)


def linear(x: Tensor, w: List[Tensor], b: Optional[Tensor], out: int) -> Tensor:
    # x (N, in) · Wᵀ + b -> (N, out); w = [packed int8 weight, row scales (out,), zeros (out,)]
    levels = __torch__.activation_levels()
    zero = __torch__.activation_zero()
    r = x.abs().amax(1, keepdim=True).clamp_min(1e-30)  # (N, 1), each row's largest |x|
    q = torch.round(x * (levels / r)).add_(zero).to(0)  # (N, in) uint8, zero stands for 0
    y = ops.onednn.qlinear_pointwise(q, 1.0 / levels, zero, w[0], w[1], w[2], None, 1.0, 0, 6,
                                     "none", annotate(List[Optional[number]], []), "")  # (N, out)
    if b is None:
        return y.mul_(r)
    return torch.addcmul(b, y, r)


class RowScales(Module):
  # a weight stored (out, in) -> its row scales (out,)
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.RowScales, w: Tensor) -> Tensor:
    return __torch__.row_scales(w)


class PackInt8(Module):
  # a weight stored (out, in) and its row scales -> oneDNN's int8 weight
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.PackInt8, w: Tensor, scales: Tensor) -> Tensor:
    return __torch__.pack(w, scales)


class QuantizedProduct(Module):
  # x (…, in) · Wᵀ -> (…, out): rows flattened, the leading shape restored
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.QuantizedProduct, x: Tensor, w: List[Tensor], out: int) -> Tensor:
    y = __torch__.linear(x.flatten(0, -2), w, None, out)  # (N, out)
    return y.unflatten(0, x.shape[:-1])  # (…, out)

# One GPT-1 block for inference in a single libtorch call (TorchScript, loaded by FusedLayer.java).
#
# The arithmetic is the op-by-op path's (DecoderLayer.java, which training uses). GPT-1
# normalises AFTER each residual add:  n = ln_1(x + attn(x));  out = ln_2(n + mlp(n)).
# The reference goldens run through both paths.
#
# Shapes: B rows, T positions in this call, P positions already in the key/value cache,
# D = n_embd, nh = n_head, hd = D / nh. Each linear weight arrives as a list of tensors for
# __torch__.linear, compiled in front of this file: packed_linear.py's (float types, [oneDNN
# packed weight]) or quantized_linear.py's (int8, [packed weight, row scales, zero points]). Both
# multiply 2-D input, so rows are flattened to N = B·T. TorchScript as libtorch reads it back: no imports; a function
# defined here is called by its qualified name, __torch__.name.


def gelu_tanh(h: Tensor) -> Tensor:
    # GPT-1's GELU, 0.5·h·(1 + tanh(u)) with u = sqrt(2/π)·(h + 0.044715·h³), computed as
    # h·sigmoid(2u), the same function in five passes over h instead of eight, in place (inference
    # only), as FeedForward.java computes it. 2u = h·(1.5957691216057308 + 0.07135481627260025·h²).
    u = h * h  # (N, 4D)
    u.mul_(0.07135481627260025).add_(1.5957691216057308).mul_(h)  # (N, 4D), 2u
    return h.mul_(u.sigmoid_())  # (N, 4D)


def activate(h: Tensor, afn: str) -> Tensor:
    # afn as spelled in config.json (Activation.java): HF GPT-1's "gelu" IS the tanh form
    if afn == "gelu":
        return __torch__.gelu_tanh(h)
    if afn == "gelu_python":
        return torch.gelu(h)  # the exact erf form
    if afn == "relu":
        return h.relu_()
    if afn != "silu":
        ops.prim.RaiseException("unknown activation " + afn, "builtins.RuntimeError")
    return h * h.sigmoid()


def attend(q: Tensor, k: Tensor, v: Tensor, bias: Tensor) -> Tensor:
    # softmax(q·kᵀ / sqrt(hd) + bias)·v. At one query per row (a decode step) in a 16-bit type,
    # libtorch's fused CPU kernel is slower than the three products written out, with the scores
    # and softmax in float32 as that kernel keeps them (docs/performance.md, "Decode kernels").
    # Prefill and float32 (int8's activations too) keep the kernel.
    if q.size(2) != 1 or q.dtype == 6:  # 6: float32
        return torch.scaled_dot_product_attention(q, k, v, bias)  # (B, nh, T, hd)
    s = torch.matmul(q.float(), k.float().transpose(-1, -2))  # (B, nh, 1, P + 1)
    s = s.mul_(1.0 / float(q.size(3)) ** 0.5).add_(bias)
    return torch.matmul(torch.softmax(s, -1).to(v.dtype), v)  # (B, nh, 1, hd)


def layer(x: Tensor, bias: Tensor, keys: Optional[Tensor], values: Optional[Tensor],
          n_head: int, eps: float, afn: str,
          w_attn: List[Tensor], b_attn: Tensor, w_attn_proj: List[Tensor], b_attn_proj: Tensor,
          ln1_g: Tensor, ln1_b: Tensor,
          w_fc: List[Tensor], b_fc: Tensor, w_mlp_proj: List[Tensor], b_mlp_proj: Tensor,
          ln2_g: Tensor, ln2_b: Tensor) -> Tensor:
    b, t, d = x.shape
    x = x.reshape(b * t, d)  # (N, D)

    # attention: c_attn's columns are [q | k | v], head h owning columns h·hd … (h+1)·hd−1 of each
    qkv = __torch__.linear(x, w_attn, b_attn, 3 * d)  # (N, 3D)
    qkv = qkv.reshape(b, t, 3, n_head, -1).permute(2, 0, 3, 1, 4)  # (3, B, nh, T, hd)
    q, k, v = qkv[0], qkv[1], qkv[2]  # (B, nh, T, hd) each
    if keys is not None and values is not None:
        # this call's keys and values go after the P cached ones, in place; the caller advances
        # the cache once every layer has run
        end = bias.size(3)  # P + T
        keys.narrow(2, end - t, t).copy_(k)
        values.narrow(2, end - t, t).copy_(v)
        k = keys.narrow(2, 0, end)  # (B, nh, P + T, hd)
        v = values.narrow(2, 0, end)  # (B, nh, P + T, hd)
    # softmax(q·kᵀ / sqrt(hd) + bias)·v; bias is the additive mask (B|1, 1, T, P + T)
    a = __torch__.attend(q, k, v, bias)  # (B, nh, T, hd)
    a = a.permute(0, 2, 1, 3).reshape(b * t, d)  # (N, D), heads side by side again
    a = __torch__.linear(a, w_attn_proj, b_attn_proj, d)  # (N, D)
    n = torch.layer_norm(x + a, [d], ln1_g, ln1_b, eps)  # (N, D)

    # feed-forward: c_fc (D -> 4D), activation, c_proj (4D -> D)
    h = __torch__.activate(__torch__.linear(n, w_fc, b_fc, 4 * d), afn)  # (N, 4D)
    m = __torch__.linear(h, w_mlp_proj, b_mlp_proj, d)  # (N, D)
    out = torch.layer_norm(n + m, [d], ln2_g, ln2_b, eps)  # (N, D)
    return out.reshape(b, t, d)  # (B, T, D)


class Gpt1Layer(Module):
  # a stateless pass: every key is among this call's positions
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.Gpt1Layer, x: Tensor, bias: Tensor,
              n_head: int, eps: float, afn: str,
              w_attn: List[Tensor], b_attn: Tensor, w_attn_proj: List[Tensor], b_attn_proj: Tensor,
              ln1_g: Tensor, ln1_b: Tensor,
              w_fc: List[Tensor], b_fc: Tensor, w_mlp_proj: List[Tensor], b_mlp_proj: Tensor,
              ln2_g: Tensor, ln2_b: Tensor) -> Tensor:
    return __torch__.layer(x, bias, None, None, n_head, eps, afn,
                           w_attn, b_attn, w_attn_proj, b_attn_proj, ln1_g, ln1_b,
                           w_fc, b_fc, w_mlp_proj, b_mlp_proj, ln2_g, ln2_b)


class Gpt1LayerCached(Module):
  # keys and values (B, nh, capacity, hd): the whole cache buffers, written in place
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.Gpt1LayerCached, x: Tensor, bias: Tensor,
              keys: Tensor, values: Tensor,
              n_head: int, eps: float, afn: str,
              w_attn: List[Tensor], b_attn: Tensor, w_attn_proj: List[Tensor], b_attn_proj: Tensor,
              ln1_g: Tensor, ln1_b: Tensor,
              w_fc: List[Tensor], b_fc: Tensor, w_mlp_proj: List[Tensor], b_mlp_proj: Tensor,
              ln2_g: Tensor, ln2_b: Tensor) -> Tensor:
    return __torch__.layer(x, bias, keys, values, n_head, eps, afn,
                           w_attn, b_attn, w_attn_proj, b_attn_proj, ln1_g, ln1_b,
                           w_fc, b_fc, w_mlp_proj, b_mlp_proj, ln2_g, ln2_b)

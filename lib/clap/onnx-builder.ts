/**
 * A few typed helpers over `onnx-proto` (static protobufjs code for onnx.proto) for writing small
 * ONNX graphs from TypeScript, without Python. Used by the fixture CLAP model and by tests that need
 * odd graphs (ambiguous outputs, fp16 I/O). Node and browser safe, but only tests/CLI import it.
 *
 * Gotchas (clap-and-fad.md §5, nextjs-ort-recipe.md §9): opset 18 takes ReduceMean/ReduceSum/
 * Unsqueeze axes as an int64 *input*; float initializers go in `rawData` (little-endian bytes);
 * symbolic dims are `dimParam` names.
 */

import type { onnx as Onnx } from 'onnx-proto';
import onnxProto from 'onnx-proto';
import { halfToFloat } from './half';

const { onnx } = onnxProto;

export type ValueInfo = Onnx.IValueInfoProto;
export type TensorProto = Onnx.ITensorProto;
export type NodeProto = Onnx.INodeProto;
export type ModelProto = Onnx.ModelProto;

export const OPSET = 18;
export const IR_VERSION = 8;

/** TensorProto.DataType values we use. */
export const DType = { FLOAT: 1, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 } as const;
export type DTypeCode = (typeof DType)[keyof typeof DType];

export type Dim = number | string;

export function valueInfo(name: string, elemType: DTypeCode, dims: readonly Dim[]): ValueInfo {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

function littleEndianBytes(data: Float32Array | Int8Array | Uint16Array): Uint8Array {
  // Typed arrays are platform-endian; every platform ORT runs on is little-endian, but copy
  // through DataView so the bytes are right (and deterministic) regardless.
  const out = new Uint8Array(data.length * data.BYTES_PER_ELEMENT);
  const view = new DataView(out.buffer);
  data.forEach((value, i) => {
    if (data instanceof Float32Array) view.setFloat32(i * 4, value, true);
    else if (data instanceof Uint16Array) view.setUint16(i * 2, value, true);
    else view.setInt8(i, value);
  });
  return out;
}

export function floatTensor(name: string, dims: readonly number[], data: Float32Array): TensorProto {
  return { name, dims: [...dims], dataType: DType.FLOAT, rawData: littleEndianBytes(data) };
}

/** float16 initializer from raw IEEE half bit patterns. */
export function halfTensor(name: string, dims: readonly number[], bits: Uint16Array): TensorProto {
  return { name, dims: [...dims], dataType: DType.FLOAT16, rawData: littleEndianBytes(bits) };
}

export function int8Tensor(name: string, dims: readonly number[], data: Int8Array): TensorProto {
  return { name, dims: [...dims], dataType: DType.INT8, rawData: littleEndianBytes(data) };
}

export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorProto {
  return { name, dims: [...dims], dataType: DType.INT64, int64Data: [...values] };
}

export type AttributeValue = number | readonly number[] | string;

/** A node; integer-valued numbers become INT attributes, others FLOAT, arrays INTS. */
export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: Record<string, AttributeValue> = {},
): NodeProto {
  const AttributeType = onnx.AttributeProto.AttributeType;
  return {
    opType,
    name: `${opType}_${outputs.join('_')}`,
    input: [...inputs],
    output: [...outputs],
    attribute: Object.entries(attributes).map(([name, value]) => {
      if (typeof value === 'string') {
        return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
      }
      if (typeof value === 'number') {
        return Number.isInteger(value)
          ? { name, type: AttributeType.INT, i: value }
          : { name, type: AttributeType.FLOAT, f: value };
      }
      return { name, type: AttributeType.INTS, ints: [...value] };
    }),
  };
}

export interface GraphSpec {
  name: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializers: TensorProto[];
  nodes: NodeProto[];
  docString?: string;
}

/** Serialises a model; the same spec always gives the same bytes (no timestamps, no randomness). */
export function encodeModel(spec: GraphSpec, producer = 'genki-studio'): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: producer,
    opsetImport: [{ domain: '', version: OPSET }],
    graph: onnx.GraphProto.fromObject({
      name: spec.name,
      docString: spec.docString ?? '',
      input: spec.inputs,
      output: spec.outputs,
      initializer: spec.initializers,
      node: spec.nodes,
    }),
  });
  const problem = onnx.ModelProto.verify(model);
  if (problem) throw new Error(`Invalid ONNX model ${spec.name}: ${problem}`);
  // protobufjs hands back a Node Buffer in Node; copy to a plain Uint8Array so callers and
  // byte comparisons see the same type everywhere.
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** Decodes a model (tests read initializers back to compute expected outputs independently). */
export function decodeModel(bytes: Uint8Array): ModelProto {
  return onnx.ModelProto.decode(bytes);
}

/** An initializer's values as float64, whatever its storage (float/float16/int8 raw data). */
export function initializerValues(model: ModelProto, name: string): { dims: number[]; values: Float64Array } {
  const tensor = model.graph?.initializer?.find((candidate) => candidate.name === name);
  if (!tensor) throw new Error(`No initializer named ${name}.`);
  const dims = (tensor.dims ?? []).map(Number);
  const raw = tensor.rawData ?? new Uint8Array();
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const count = dims.reduce((a, b) => a * b, 1);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    if (tensor.dataType === DType.FLOAT) values[i] = view.getFloat32(i * 4, true);
    else if (tensor.dataType === DType.FLOAT16) values[i] = halfToFloat(view.getUint16(i * 2, true));
    else if (tensor.dataType === DType.INT8) values[i] = view.getInt8(i);
    else if (tensor.dataType === DType.INT64) values[i] = Number(tensor.int64Data?.[i] ?? 0);
    else throw new Error(`Initializer ${name} has unsupported data type ${tensor.dataType}.`);
  }
  return { dims, values };
}

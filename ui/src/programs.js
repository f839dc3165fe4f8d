// Node shapes for sigma: a person is a disc (sigma's own program), and the
// other kinds are regular polygons drawn by one small WebGL program, so a
// kind can be told apart by shape as well as color (for color-blind readers
// and for grayscale prints of an exported PNG).
import { NodeProgram } from "sigma/rendering";
import { floatColor } from "sigma/utils";

const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_position;
attribute float a_size;
attribute float a_angle;
attribute float a_radius;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_cameraAngle;
uniform float u_correctionRatio;

varying vec4 v_color;

const float bias = 255.0 / 254.0;

void main() {
  float size = a_size * u_correctionRatio / u_sizeRatio * 2.0 * a_radius;
  float angle = a_angle + u_cameraAngle;
  vec2 position = a_position + size * vec2(cos(angle), sin(angle));
  gl_Position = vec4((u_matrix * vec3(position, 1)).xy, 0, 1);
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;
}
`;

const FRAGMENT_SHADER = /* glsl */ `
precision mediump float;
varying vec4 v_color;
void main(void) { gl_FragColor = v_color; }
`;

const UNIFORMS = ["u_sizeRatio", "u_correctionRatio", "u_cameraAngle", "u_matrix"];

// createPolygonProgram returns a sigma node program that draws a regular
// polygon with the given number of corners, the first at startAngle; radius
// scales the corners so that shapes of one node size look about as big as
// a disc of that size.
export function createPolygonProgram(corners, startAngle, radius) {
  // A fan of triangles from the center: 3 vertices per corner.
  const constantData = [];
  for (let i = 0; i < corners; i++) {
    const a = startAngle + (2 * Math.PI * i) / corners;
    const b = startAngle + (2 * Math.PI * (i + 1)) / corners;
    constantData.push([0, 0], [a, radius], [b, radius]);
  }
  // Labels and hovers are sigma's defaults for every shape (labels.js).
  return class PolygonProgram extends NodeProgram {
    getDefinition() {
      const { FLOAT, UNSIGNED_BYTE, TRIANGLES } = WebGLRenderingContext;
      return {
        VERTICES: corners * 3,
        VERTEX_SHADER_SOURCE: VERTEX_SHADER,
        FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
        METHOD: TRIANGLES,
        UNIFORMS,
        ATTRIBUTES: [
          { name: "a_position", size: 2, type: FLOAT },
          { name: "a_size", size: 1, type: FLOAT },
          { name: "a_color", size: 4, type: UNSIGNED_BYTE, normalized: true },
          { name: "a_id", size: 4, type: UNSIGNED_BYTE, normalized: true },
        ],
        CONSTANT_ATTRIBUTES: [
          { name: "a_angle", size: 1, type: FLOAT },
          { name: "a_radius", size: 1, type: FLOAT },
        ],
        CONSTANT_DATA: constantData,
      };
    }

    processVisibleItem(nodeIndex, startIndex, data) {
      const array = this.array;
      array[startIndex++] = data.x;
      array[startIndex++] = data.y;
      array[startIndex++] = data.size;
      array[startIndex++] = floatColor(data.color);
      array[startIndex++] = nodeIndex;
    }

    setUniforms(params, { gl, uniformLocations }) {
      gl.uniform1f(uniformLocations.u_sizeRatio, params.sizeRatio);
      gl.uniform1f(uniformLocations.u_cameraAngle, params.cameraAngle);
      gl.uniform1f(uniformLocations.u_correctionRatio, params.correctionRatio);
      gl.uniformMatrix3fv(uniformLocations.u_matrix, false, params.matrix);
    }
  };
}

// The center vertex has radius 0, so a_angle does not matter for it.
export const SquareProgram = createPolygonProgram(4, Math.PI / 4, 1.25);
export const DiamondProgram = createPolygonProgram(4, 0, 1.35);
export const TriangleProgram = createPolygonProgram(3, Math.PI / 2, 1.4);

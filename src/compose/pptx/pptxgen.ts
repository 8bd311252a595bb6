/**
 * pptxgenjs under NodeNext: its types are CommonJS-shaped (`export default` in a package
 * without "type": "module") while Node loads its ESM build, so TypeScript and Node disagree
 * on what the default import is. One place bridges that; everything else imports from here.
 */
import * as pptxgen from 'pptxgenjs';

type Ctor = typeof pptxgen.default.default;
const mod = pptxgen as unknown as { default: Ctor | { default: Ctor } };

/** The pptxgenjs class, whichever way the loader exposed it. */
export const PptxGenJS: Ctor =
  typeof mod.default === 'function' ? mod.default : mod.default.default;
/** A presentation. */
export type Pptx = InstanceType<Ctor>;
export type Slide = ReturnType<Pptx['addSlide']>;
export type TextProps = pptxgen.default.TextProps;
export type TextPropsOptions = pptxgen.default.TextPropsOptions;
export type SlideMasterProps = pptxgen.default.SlideMasterProps;

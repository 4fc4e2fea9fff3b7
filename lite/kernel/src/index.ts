/**
 * JupyterLite plugin: registers the kernel "tslab-alliance" (the kernel name
 * the course notebooks carry), so the notebooks open in the browser with the
 * TypeScript kernel below and no kernel choice to make.
 */
import { PageConfig } from "@jupyterlab/coreutils";
import { IKernelSpecs } from "@jupyterlite/services";
import type { IKernel } from "@jupyterlite/services";
import { AllianceKernel } from "./kernel";

const plugin = {
  id: "@alliance/lite-kernel:kernel",
  description: "TypeScript kernel of the alliance seminar, running in a Web Worker",
  autoStart: true,
  requires: [IKernelSpecs],
  activate: (_app: unknown, kernelspecs: IKernelSpecs): void => {
    kernelspecs.register({
      spec: {
        name: "tslab-alliance",
        display_name: "TypeScript (alliance, in the browser)",
        language: "typescript",
        argv: [],
        resources: {},
      },
      create: (options: IKernel.IOptions): Promise<IKernel> =>
        new Promise((resolve) =>
          resolve(new AllianceKernel({ ...options, siteUrl: PageConfig.getBaseUrl() })),
        ),
    });
  },
};

export default [plugin];

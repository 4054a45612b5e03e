import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { PLOTLY_MIME } from 'mixmodeler/dist/browser';
import * as React from 'react';
import { PlotlyRenderer } from './mime';

/** Draws one plotly figure spec of lib inside React, with the extension's plotly renderer. */
export function FigureHost({ figure }: { figure: unknown }): React.ReactElement {
  const host = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    const plot = new PlotlyRenderer(PLOTLY_MIME);
    Widget.attach(plot, host.current!);
    void plot.renderModel({ data: { [PLOTLY_MIME]: figure } } as unknown as IRenderMime.IMimeModel);
    return () => plot.dispose();
  }, [figure]);
  return <div ref={host} className="mm-figure-host" />;
}

// An OGraf Web Component around a ResultsLive template: the template page in a full-frame iframe, driven through the same
// update()/play()/next()/stop() it offers CasparCG. OGraf controllers (SPX 1.4 and later) load the *.ograf.json manifests
// beside the templates, whose main module calls this with the template's file.
export function templateGraphic(file) {
  return class ResultsLiveGraphic extends HTMLElement {
    constructor() {
      super();
      this.frame = null;
      this.ready = null;
    }

    async load(params) {
      const frame = document.createElement('iframe');
      frame.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;border:0;background:transparent';
      frame.setAttribute('scrolling', 'no');
      this.appendChild(frame);
      this.frame = frame;
      this.ready = new Promise((resolve, reject) => {
        frame.addEventListener('load', () => resolve());
        frame.addEventListener('error', reject);
      });
      frame.src = new URL(file, import.meta.url).href;
      await this.ready;
      if (params && params.data) {
        this.call('update', JSON.stringify(params.data));
      }
      return { statusCode: 200 };
    }

    async dispose() {
      this.innerHTML = '';
      this.frame = null;
      return { statusCode: 200 };
    }

    async updateAction(params) {
      return this.call('update', JSON.stringify((params && params.data) || {}));
    }

    async playAction(params) {
      const skip = params && params.skipAnimation;
      const result = this.call(skip ? 'rlShowNow' : 'play');
      return Object.assign(result, { currentStep: 0 });
    }

    async stopAction() {
      return this.call('stop');
    }

    async customAction(params) {
      if (params && params.id === 'next') {
        return this.call('next');
      }
      return { statusCode: 404, statusMessage: 'unknown action' };
    }

    async goToTime() {
      return { statusCode: 501, statusMessage: 'real-time only' };
    }

    async setActionsSchedule() {
      return { statusCode: 501, statusMessage: 'real-time only' };
    }

    call(name, argument) {
      const target = this.frame && this.frame.contentWindow;
      if (!target || typeof target[name] !== 'function') {
        return { statusCode: 500, statusMessage: `the template has no ${name}()` };
      }
      if (argument === undefined) {
        target[name]();
      } else {
        target[name](argument);
      }
      return { statusCode: 200 };
    }
  };
}

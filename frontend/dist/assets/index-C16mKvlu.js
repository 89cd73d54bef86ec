var e=globalThis,t=e.ShadowRoot&&(e.ShadyCSS===void 0||e.ShadyCSS.nativeShadow)&&`adoptedStyleSheets`in Document.prototype&&`replace`in CSSStyleSheet.prototype,n=Symbol(),r=new WeakMap,i=class{constructor(e,t,r){if(this._$cssResult$=!0,r!==n)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,n=this.t;if(t&&e===void 0){let t=n!==void 0&&n.length===1;t&&(e=r.get(n)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),t&&r.set(n,e))}return e}toString(){return this.cssText}},a=e=>new i(typeof e==`string`?e:e+``,void 0,n),o=(e,...t)=>new i(e.length===1?e[0]:t.reduce((t,n,r)=>t+(e=>{if(!0===e._$cssResult$)return e.cssText;if(typeof e==`number`)return e;throw Error(`Value passed to 'css' function must be a 'css' function result: `+e+`. Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.`)})(n)+e[r+1],e[0]),e,n),s=(n,r)=>{if(t)n.adoptedStyleSheets=r.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let t of r){let r=document.createElement(`style`),i=e.litNonce;i!==void 0&&r.setAttribute(`nonce`,i),r.textContent=t.cssText,n.appendChild(r)}},c=t?e=>e:e=>e instanceof CSSStyleSheet?(e=>{let t=``;for(let n of e.cssRules)t+=n.cssText;return a(t)})(e):e,{is:l,defineProperty:u,getOwnPropertyDescriptor:d,getOwnPropertyNames:f,getOwnPropertySymbols:p,getPrototypeOf:m}=Object,h=globalThis,ee=h.trustedTypes,te=ee?ee.emptyScript:``,ne=h.reactiveElementPolyfillSupport,g=(e,t)=>e,_={toAttribute(e,t){switch(t){case Boolean:e=e?te:null;break;case Object:case Array:e=e==null?e:JSON.stringify(e)}return e},fromAttribute(e,t){let n=e;switch(t){case Boolean:n=e!==null;break;case Number:n=e===null?null:Number(e);break;case Object:case Array:try{n=JSON.parse(e)}catch{n=null}}return n}},re=(e,t)=>!l(e,t),ie={attribute:!0,type:String,converter:_,reflect:!1,useDefault:!1,hasChanged:re};Symbol.metadata??=Symbol(`metadata`),h.litPropertyMetadata??=new WeakMap;var v=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=ie){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let n=Symbol(),r=this.getPropertyDescriptor(e,n,t);r!==void 0&&u(this.prototype,e,r)}}static getPropertyDescriptor(e,t,n){let{get:r,set:i}=d(this.prototype,e)??{get(){return this[t]},set(e){this[t]=e}};return{get:r,set(t){let a=r?.call(this);i?.call(this,t),this.requestUpdate(e,a,n)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??ie}static _$Ei(){if(this.hasOwnProperty(g(`elementProperties`)))return;let e=m(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(g(`finalized`)))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(g(`properties`))){let e=this.properties,t=[...f(e),...p(e)];for(let n of t)this.createProperty(n,e[n])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[e,n]of t)this.elementProperties.set(e,n)}this._$Eh=new Map;for(let[e,t]of this.elementProperties){let n=this._$Eu(e,t);n!==void 0&&this._$Eh.set(n,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let n=new Set(e.flat(1/0).reverse());for(let e of n)t.unshift(c(e))}else e!==void 0&&t.push(c(e));return t}static _$Eu(e,t){let n=t.attribute;return!1===n?void 0:typeof n==`string`?n:typeof e==`string`?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let n of t.keys())this.hasOwnProperty(n)&&(e.set(n,this[n]),delete this[n]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return s(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,n){this._$AK(e,n)}_$ET(e,t){let n=this.constructor.elementProperties.get(e),r=this.constructor._$Eu(e,n);if(r!==void 0&&!0===n.reflect){let i=(n.converter?.toAttribute===void 0?_:n.converter).toAttribute(t,n.type);this._$Em=e,i==null?this.removeAttribute(r):this.setAttribute(r,i),this._$Em=null}}_$AK(e,t){let n=this.constructor,r=n._$Eh.get(e);if(r!==void 0&&this._$Em!==r){let e=n.getPropertyOptions(r),i=typeof e.converter==`function`?{fromAttribute:e.converter}:e.converter?.fromAttribute===void 0?_:e.converter;this._$Em=r;let a=i.fromAttribute(t,e.type);this[r]=a??this._$Ej?.get(r)??a,this._$Em=null}}requestUpdate(e,t,n,r=!1,i){if(e!==void 0){let a=this.constructor;if(!1===r&&(i=this[e]),n??=a.getPropertyOptions(e),!((n.hasChanged??re)(i,t)||n.useDefault&&n.reflect&&i===this._$Ej?.get(e)&&!this.hasAttribute(a._$Eu(e,n))))return;this.C(e,t,n)}!1===this.isUpdatePending&&(this._$ES=this._$EP())}C(e,t,{useDefault:n,reflect:r,wrapped:i},a){n&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,a??t??this[e]),!0!==i||a!==void 0)||(this._$AL.has(e)||(this.hasUpdated||n||(t=void 0),this._$AL.set(e,t)),!0===r&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[e,t]of this._$Ep)this[e]=t;this._$Ep=void 0}let e=this.constructor.elementProperties;if(e.size>0)for(let[t,n]of e){let{wrapped:e}=n,r=this[t];!0!==e||this._$AL.has(t)||r===void 0||this.C(t,void 0,n,r)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(e=>e.hostUpdate?.()),this.update(t)):this._$EM()}catch(t){throw e=!1,this._$EM(),t}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(e){}firstUpdated(e){}};v.elementStyles=[],v.shadowRootOptions={mode:`open`},v[g(`elementProperties`)]=new Map,v[g(`finalized`)]=new Map,ne?.({ReactiveElement:v}),(h.reactiveElementVersions??=[]).push(`2.1.2`);var y=globalThis,ae=e=>e,b=y.trustedTypes,oe=b?b.createPolicy(`lit-html`,{createHTML:e=>e}):void 0,se=`$lit$`,x=`lit$${Math.random().toFixed(9).slice(2)}$`,ce=`?`+x,le=`<${ce}>`,S=document,C=()=>S.createComment(``),w=e=>e===null||typeof e!=`object`&&typeof e!=`function`,T=Array.isArray,ue=e=>T(e)||typeof e?.[Symbol.iterator]==`function`,E=`[ 	
\f\r]`,D=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,de=/-->/g,fe=/>/g,O=RegExp(`>|${E}(?:([^\\s"'>=/]+)(${E}*=${E}*(?:[^ \t\n\f\r"'\`<>=]|("|')|))|$)`,`g`),pe=/'/g,me=/"/g,he=/^(?:script|style|textarea|title)$/i,ge=e=>(t,...n)=>({_$litType$:e,strings:t,values:n}),k=ge(1),_e=ge(2),A=Symbol.for(`lit-noChange`),j=Symbol.for(`lit-nothing`),ve=new WeakMap,M=S.createTreeWalker(S,129);function ye(e,t){if(!T(e)||!e.hasOwnProperty(`raw`))throw Error(`invalid template strings array`);return oe===void 0?t:oe.createHTML(t)}var be=(e,t)=>{let n=e.length-1,r=[],i,a=t===2?`<svg>`:t===3?`<math>`:``,o=D;for(let t=0;t<n;t++){let n=e[t],s,c,l=-1,u=0;for(;u<n.length&&(o.lastIndex=u,c=o.exec(n),c!==null);)u=o.lastIndex,o===D?c[1]===`!--`?o=de:c[1]===void 0?c[2]===void 0?c[3]!==void 0&&(o=O):(he.test(c[2])&&(i=RegExp(`</`+c[2],`g`)),o=O):o=fe:o===O?c[0]===`>`?(o=i??D,l=-1):c[1]===void 0?l=-2:(l=o.lastIndex-c[2].length,s=c[1],o=c[3]===void 0?O:c[3]===`"`?me:pe):o===me||o===pe?o=O:o===de||o===fe?o=D:(o=O,i=void 0);let d=o===O&&e[t+1].startsWith(`/>`)?` `:``;a+=o===D?n+le:l>=0?(r.push(s),n.slice(0,l)+se+n.slice(l)+x+d):n+x+(l===-2?t:d)}return[ye(e,a+(e[n]||`<?>`)+(t===2?`</svg>`:t===3?`</math>`:``)),r]},N=class e{constructor({strings:t,_$litType$:n},r){let i;this.parts=[];let a=0,o=0,s=t.length-1,c=this.parts,[l,u]=be(t,n);if(this.el=e.createElement(l,r),M.currentNode=this.el.content,n===2||n===3){let e=this.el.content.firstChild;e.replaceWith(...e.childNodes)}for(;(i=M.nextNode())!==null&&c.length<s;){if(i.nodeType===1){if(i.hasAttributes())for(let e of i.getAttributeNames())if(e.endsWith(se)){let t=u[o++],n=i.getAttribute(e).split(x),r=/([.?@])?(.*)/.exec(t);c.push({type:1,index:a,name:r[2],strings:n,ctor:r[1]===`.`?Se:r[1]===`?`?Ce:r[1]===`@`?we:I}),i.removeAttribute(e)}else e.startsWith(x)&&(c.push({type:6,index:a}),i.removeAttribute(e));if(he.test(i.tagName)){let e=i.textContent.split(x),t=e.length-1;if(t>0){i.textContent=b?b.emptyScript:``;for(let n=0;n<t;n++)i.append(e[n],C()),M.nextNode(),c.push({type:2,index:++a});i.append(e[t],C())}}}else if(i.nodeType===8){if(i.data===ce)c.push({type:2,index:a});else{let e=-1;for(;(e=i.data.indexOf(x,e+1))!==-1;)c.push({type:7,index:a}),e+=x.length-1}}a++}}static createElement(e,t){let n=S.createElement(`template`);return n.innerHTML=e,n}};function P(e,t,n=e,r){if(t===A)return t;let i=r===void 0?n._$Cl:n._$Co?.[r],a=w(t)?void 0:t._$litDirective$;return i?.constructor!==a&&(i?._$AO?.(!1),a===void 0?i=void 0:(i=new a(e),i._$AT(e,n,r)),r===void 0?n._$Cl=i:(n._$Co??=[])[r]=i),i!==void 0&&(t=P(e,i._$AS(e,t.values),i,r)),t}var xe=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:n}=this._$AD,r=(e?.creationScope??S).importNode(t,!0);M.currentNode=r;let i=M.nextNode(),a=0,o=0,s=n[0];for(;s!==void 0;){if(a===s.index){let t;s.type===2?t=new F(i,i.nextSibling,this,e):s.type===1?t=new s.ctor(i,s.name,s.strings,this,e):s.type===6&&(t=new Te(i,this,e)),this._$AV.push(t),s=n[++o]}a!==s?.index&&(i=M.nextNode(),a++)}return M.currentNode=S,r}p(e){let t=0;for(let n of this._$AV)n!==void 0&&(n.strings===void 0?n._$AI(e[t]):(n._$AI(e,n,t),t+=n.strings.length-2)),t++}},F=class e{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,r){this.type=2,this._$AH=j,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=P(this,e,t),w(e)?e===j||e==null||e===``?(this._$AH!==j&&this._$AR(),this._$AH=j):e!==this._$AH&&e!==A&&this._(e):e._$litType$===void 0?e.nodeType===void 0?ue(e)?this.k(e):this._(e):this.T(e):this.$(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==j&&w(this._$AH)?this._$AA.nextSibling.data=e:this.T(S.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:n}=e,r=typeof n==`number`?this._$AC(e):(n.el===void 0&&(n.el=N.createElement(ye(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===r)this._$AH.p(t);else{let e=new xe(r,this),n=e.u(this.options);e.p(t),this.T(n),this._$AH=e}}_$AC(e){let t=ve.get(e.strings);return t===void 0&&ve.set(e.strings,t=new N(e)),t}k(t){T(this._$AH)||(this._$AH=[],this._$AR());let n=this._$AH,r,i=0;for(let a of t)i===n.length?n.push(r=new e(this.O(C()),this.O(C()),this,this.options)):r=n[i],r._$AI(a),i++;i<n.length&&(this._$AR(r&&r._$AB.nextSibling,i),n.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let t=ae(e).nextSibling;ae(e).remove(),e=t}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},I=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,r,i){this.type=1,this._$AH=j,this._$AN=void 0,this.element=e,this.name=t,this._$AM=r,this.options=i,n.length>2||n[0]!==``||n[1]!==``?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=j}_$AI(e,t=this,n,r){let i=this.strings,a=!1;if(i===void 0)e=P(this,e,t,0),a=!w(e)||e!==this._$AH&&e!==A,a&&(this._$AH=e);else{let r=e,o,s;for(e=i[0],o=0;o<i.length-1;o++)s=P(this,r[n+o],t,o),s===A&&(s=this._$AH[o]),a||=!w(s)||s!==this._$AH[o],s===j?e=j:e!==j&&(e+=(s??``)+i[o+1]),this._$AH[o]=s}a&&!r&&this.j(e)}j(e){e===j?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??``)}},Se=class extends I{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===j?void 0:e}},Ce=class extends I{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==j)}},we=class extends I{constructor(e,t,n,r,i){super(e,t,n,r,i),this.type=5}_$AI(e,t=this){if((e=P(this,e,t,0)??j)===A)return;let n=this._$AH,r=e===j&&n!==j||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,i=e!==j&&(n===j||r);r&&this.element.removeEventListener(this.name,this,n),i&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH==`function`?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},Te=class{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){P(this,e)}};(0,y.litHtmlPolyfillSupport)?.(N,F),(y.litHtmlVersions??=[]).push(`3.3.3`);var Ee=(e,t,n)=>{let r=n?.renderBefore??t,i=r._$litPart$;if(i===void 0){let e=n?.renderBefore??null;r._$litPart$=i=new F(t.insertBefore(C(),e),e,void 0,n??{})}return i._$AI(e),i},L=globalThis,R=class extends v{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Ee(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return A}};R._$litElement$=!0,R.finalized=!0,L.litElementHydrateSupport?.({LitElement:R}),(0,L.litElementPolyfillSupport)?.({LitElement:R}),(L.litElementVersions??=[]).push(`4.2.2`);function De(e){return{type:`auth`,access_token:e}}function Oe(){return{type:`supported_features`,id:1,features:{coalesce_messages:1}}}function ke(){return{type:`get_states`}}function Ae(e){let t={type:`subscribe_events`};return e&&(t.event_type=e),t}function je(e){return{type:`unsubscribe_events`,subscription:e}}function Me(){return{type:`ping`}}function Ne(e,t){return{type:`result`,success:!1,error:{code:e,message:t}}}var Pe=(e,t,n,r)=>{let[i,a,o]=e.split(`.`,3);return Number(i)>t||Number(i)===t&&(r===void 0?Number(a)>=n:Number(a)>n)||r!==void 0&&Number(i)===t&&Number(a)===n&&Number(o)>=r},Fe=1e4,Ie=`auth_invalid`,Le=`auth_ok`;function Re(e){if(!e.auth)throw 4;let t=e.auth,n=t.expired?t.refreshAccessToken().then(()=>{n=void 0},()=>{n=void 0}):void 0,r=t.wsUrl,i=e.connectTimeout??Fe;function a(e,o,s){let c=new WebSocket(r),l=!1,u=i>0?setTimeout(()=>{c.close()},i):void 0,d=()=>{u!==void 0&&clearTimeout(u)},f=()=>{if(d(),c.removeEventListener(`close`,f),l){s(2);return}if(e===0){s(1);return}let t=e===-1?-1:e-1;setTimeout(()=>a(t,o,s),1e3)},p=async e=>{d();try{t.expired&&await(n||t.refreshAccessToken()),c.send(JSON.stringify(De(t.accessToken)))}catch(e){l=e===2,c.close()}},m=async e=>{let t=JSON.parse(e.data);switch(t.type){case Ie:l=!0,c.close();break;case Le:c.removeEventListener(`open`,p),c.removeEventListener(`message`,m),c.removeEventListener(`close`,f),c.removeEventListener(`error`,f),c.haVersion=t.ha_version,Pe(c.haVersion,2022,9)&&c.send(JSON.stringify(Oe())),o(c)}};c.addEventListener(`open`,p),c.addEventListener(`message`,m),c.addEventListener(`close`,f),c.addEventListener(`error`,f)}return new Promise((t,n)=>a(e.setupRetry,t,n))}var ze=class{constructor(e,t){this._handleMessage=e=>{let t=JSON.parse(e.data);Array.isArray(t)||(t=[t]),t.forEach(e=>{let t=this.commands.get(e.id);switch(e.type){case`event`:t?t.callback(e.event):(console.warn(`Received event for unknown subscription ${e.id}. Unsubscribing.`),this.sendMessagePromise(je(e.id)).catch(e=>{}));break;case`result`:t&&(e.success?(t.resolve(e.result),`subscribe`in t||this.commands.delete(e.id)):(t.reject(e.error),this.commands.delete(e.id)));break;case`pong`:t?(t.resolve(),this.commands.delete(e.id)):console.warn(`Received unknown pong response ${e.id}`)}})},this._handleClose=async()=>{let e=this.commands;if(this.commandId=1,this.oldSubscriptions=this.commands,this.commands=new Map,this.socket=void 0,e.forEach(e=>{`subscribe`in e||e.reject(Ne(3,`Connection lost`))}),this.closeRequested)return;this.fireEvent(`disconnected`);let t=Object.assign(Object.assign({},this.options),{setupRetry:0}),n=e=>{setTimeout(async()=>{if(!this.closeRequested)try{let e=await t.createSocket(t);this._setSocket(e)}catch(t){if(this._queuedMessages){let e=this._queuedMessages;this._queuedMessages=void 0;for(let t of e)t.reject&&t.reject(3)}t===2?this.fireEvent(`reconnect-error`,t):n(e+1)}},Math.min(e,5)*1e3)};this.suspendReconnectPromise&&(await this.suspendReconnectPromise,this.suspendReconnectPromise=void 0,this._queuedMessages=[]),n(0)},this.options=t,this.commandId=2,this.commands=new Map,this.eventListeners=new Map,this.closeRequested=!1,this._setSocket(e)}get connected(){return this.socket!==void 0&&this.socket.readyState==this.socket.OPEN}_setSocket(e){this.socket=e,this.haVersion=e.haVersion,e.addEventListener(`message`,this._handleMessage),e.addEventListener(`close`,this._handleClose);let t=this.oldSubscriptions;t&&(this.oldSubscriptions=void 0,t.forEach(e=>{`subscribe`in e&&e.subscribe&&e.subscribe().then(t=>{e.unsubscribe=t,e.resolve()})}));let n=this._queuedMessages;if(n){this._queuedMessages=void 0;for(let e of n)e.resolve()}this.fireEvent(`ready`)}addEventListener(e,t){let n=this.eventListeners.get(e);n||(n=[],this.eventListeners.set(e,n)),n.push(t)}removeEventListener(e,t){let n=this.eventListeners.get(e);if(!n)return;let r=n.indexOf(t);r!==-1&&n.splice(r,1)}fireEvent(e,t){(this.eventListeners.get(e)||[]).forEach(e=>e(this,t))}suspendReconnectUntil(e){this.suspendReconnectPromise=e}suspend(){if(!this.suspendReconnectPromise)throw Error(`Suspend promise not set`);this.socket&&this.socket.close()}reconnect(e=!1){this.socket&&(e?(this.socket.removeEventListener(`message`,this._handleMessage),this.socket.removeEventListener(`close`,this._handleClose),this.socket.close(),this._handleClose()):this.socket.close())}close(){this.closeRequested=!0,this.socket&&this.socket.close()}async subscribeEvents(e,t){return this.subscribeMessage(e,Ae(t))}ping(){return this.sendMessagePromise(Me())}sendMessage(e,t){if(!this.connected)throw 3;if(this._queuedMessages){if(t)throw Error(`Cannot queue with commandId`);this._queuedMessages.push({resolve:()=>this.sendMessage(e)})}else t||=this._genCmdId(),e.id=t,this.socket.send(JSON.stringify(e))}sendMessagePromise(e){return new Promise((t,n)=>{if(this._queuedMessages){this._queuedMessages.push({reject:n,resolve:async()=>{try{t(await this.sendMessagePromise(e))}catch(e){n(e)}}});return}let r=this._genCmdId();this.commands.set(r,{resolve:t,reject:n}),this.sendMessage(e,r)})}async subscribeMessage(e,t,n){if(this._queuedMessages&&await new Promise((e,t)=>{this._queuedMessages.push({resolve:e,reject:t})}),n?.preCheck&&!await n.preCheck())throw Error(`Pre-check failed`);let r;return await new Promise((i,a)=>{let o=this._genCmdId();r={resolve:i,reject:a,callback:e,subscribe:n?.resubscribe===!1?void 0:()=>this.subscribeMessage(e,t,n),unsubscribe:async()=>{this.connected&&await this.sendMessagePromise(je(o)),this.commands.delete(o)}},this.commands.set(o,r);try{this.sendMessage(t,o)}catch{}}),()=>r.unsubscribe()}_genCmdId(){return++this.commandId}},Be=e=>e*1e3+Date.now();async function Ve(e,t,n){let r=typeof location<`u`&&location;if(r&&r.protocol===`https:`){let t=document.createElement(`a`);if(t.href=e,t.protocol===`http:`&&t.hostname!==`localhost`)throw 5}let i=new FormData;t!==null&&i.append(`client_id`,t),Object.keys(n).forEach(e=>{i.append(e,n[e])});let a=await fetch(`${e}/auth/token`,{method:`POST`,credentials:`same-origin`,body:i});if(!a.ok)throw a.status===400||a.status===403?2:Error(`Unable to fetch tokens`);let o=await a.json();return o.hassUrl=e,o.clientId=t,o.expires=Be(o.expires_in),o}var He=class{constructor(e,t){this.data=e,this._saveTokens=t}get wsUrl(){return`ws${this.data.hassUrl.substr(4)}/api/websocket`}get accessToken(){return this.data.access_token}get expired(){return Date.now()>this.data.expires}async refreshAccessToken(){if(!this.data.refresh_token)throw Error(`No refresh_token`);let e=await Ve(this.data.hassUrl,this.data.clientId,{grant_type:`refresh_token`,refresh_token:this.data.refresh_token});e.refresh_token=this.data.refresh_token,this.data=e,this._saveTokens&&this._saveTokens(e)}async revoke(){if(!this.data.refresh_token)throw Error(`No refresh_token to revoke`);let e=new FormData;e.append(`token`,this.data.refresh_token),await fetch(`${this.data.hassUrl}/auth/revoke`,{method:`POST`,credentials:`same-origin`,body:e}),this._saveTokens&&this._saveTokens(null)}},Ue=e=>{let t=[];function n(e){let n=[];for(let r=0;r<t.length;r++)t[r]===e?e=null:n.push(t[r]);t=n}function r(n,r){e=r?n:Object.assign(Object.assign({},e),n);let i=t;for(let t=0;t<i.length;t++)i[t](e)}return{get state(){return e},action(t){function n(e){r(e,!1)}return function(){let r=[e];for(let e=0;e<arguments.length;e++)r.push(arguments[e]);let i=t.apply(this,r);if(i!=null)return i instanceof Promise?i.then(n):n(i)}},setState:r,clearState(){e=void 0},subscribe(e){return t.push(e),()=>{n(e)}}}},We=5e3,Ge=(e,t,n,r,i={unsubGrace:!0})=>{if(e[t])return e[t];let a=0,o,s,c=Ue(),l=()=>{if(!n)throw Error(`Collection does not support refresh`);return n(e).then(e=>c.setState(e,!0))},u=()=>l().catch(t=>{if(e.connected)throw t}),d=()=>{s===void 0?(r&&(o=r(e,c)),n&&(e.addEventListener(`ready`,u),u()),e.addEventListener(`disconnected`,m)):(clearTimeout(s),s=void 0)},f=()=>{s=void 0,o&&o.then(e=>{e()}),c.clearState(),e.removeEventListener(`ready`,l),e.removeEventListener(`disconnected`,m)},p=()=>{s=setTimeout(f,We)},m=()=>{s&&(clearTimeout(s),f())};return e[t]={get state(){return c.state},refresh:l,subscribe(e){a++,a===1&&d();let t=c.subscribe(e);return c.state!==void 0&&setTimeout(()=>e(c.state),0),()=>{t(),a--,a||(i.unsubGrace?p():f())}}},e[t]},Ke=e=>e.sendMessagePromise(ke());function qe(e,t){let n=Object.assign({},e.state);if(t.a)for(let e in t.a){let r=t.a[e],i=new Date(r.lc*1e3).toISOString();n[e]={entity_id:e,state:r.s,attributes:r.a,context:typeof r.c==`string`?{id:r.c,parent_id:null,user_id:null}:r.c,last_changed:i,last_updated:r.lu?new Date(r.lu*1e3).toISOString():i}}if(t.r)for(let e of t.r)delete n[e];if(t.c)for(let e in t.c){let r=n[e];if(!r){console.warn(`Received state update for unknown entity`,e);continue}r=Object.assign({},r);let{"+":i,"-":a}=t.c[e],o=i?.a||a?.a,s=o?Object.assign({},r.attributes):r.attributes;if(i&&(i.s!==void 0&&(r.state=i.s),i.c&&(typeof i.c==`string`?r.context=Object.assign(Object.assign({},r.context),{id:i.c}):r.context=Object.assign(Object.assign({},r.context),i.c)),i.lc?r.last_updated=r.last_changed=new Date(i.lc*1e3).toISOString():i.lu&&(r.last_updated=new Date(i.lu*1e3).toISOString()),i.a&&Object.assign(s,i.a)),a?.a)for(let e of a.a)delete s[e];o&&(r.attributes=s),n[e]=r}e.setState(n,!0)}var Je=(e,t)=>e.subscribeMessage(e=>qe(t,e),{type:`subscribe_entities`});function Ye(e,t){let n=e.state;if(n===void 0)return;let{entity_id:r,new_state:i}=t.data;if(i)e.setState({[i.entity_id]:i});else{let t=Object.assign({},n);delete t[r],e.setState(t,!0)}}async function Xe(e){let t=await Ke(e),n={};for(let e=0;e<t.length;e++){let r=t[e];n[r.entity_id]=r}return n}var Ze=(e,t)=>e.subscribeEvents(e=>Ye(t,e),`state_changed`),Qe=e=>Pe(e.haVersion,2022,4,0)?Ge(e,`_ent`,void 0,Je):Ge(e,`_ent`,Xe,Ze),$e=(e,t)=>Qe(e).subscribe(t);async function et(e){let t=Object.assign({setupRetry:0,createSocket:Re},e);return new ze(await t.createSocket(t),t)}var z=`bastion.tokens`,tt=15e3,nt=()=>location.origin,B=()=>`${location.origin}/`,rt=class extends Error{constructor(e,t){super(t),this.status=e}};async function V(e,t){let n=new AbortController,r=setTimeout(()=>n.abort(),tt);try{return await fetch(e,{...t,signal:n.signal,credentials:`same-origin`})}finally{clearTimeout(r)}}async function H(e,t){let n=await V(e,{method:`POST`,headers:{"Content-Type":`application/json`},body:JSON.stringify(t)}),r=await n.json().catch(()=>({}));if(!n.ok)throw new rt(n.status,r.message??n.statusText);return r}async function it(){try{let e=await V(`/api/onboarding`,{method:`GET`});return e.ok?(await e.json()).some(e=>e.step===`user`&&!e.done):!1}catch{return!1}}async function at(e){return(await H(`/api/onboarding/users`,{client_id:B(),language:navigator.language.slice(0,16),...e})).auth_code}function ot(){return H(`/auth/login_flow`,{client_id:B(),handler:[`homeassistant`,null],redirect_uri:B()})}function st(e,t){return H(`/auth/login_flow/${encodeURIComponent(e)}`,{client_id:B(),...t})}async function ct(e){let t=await V(`/auth/token`,{method:`POST`,body:new URLSearchParams({grant_type:`authorization_code`,code:e,client_id:B()})}),n=await t.json().catch(()=>({}));if(!t.ok)throw new rt(t.status,n.error_description??`Login failed`);let r={hassUrl:nt(),clientId:B(),access_token:n.access_token,refresh_token:n.refresh_token,expires_in:n.expires_in,expires:Date.now()+n.expires_in*1e3};return U(r),new He(r,U)}function U(e){try{e?localStorage.setItem(z,JSON.stringify(e)):localStorage.removeItem(z)}catch{}}function lt(){try{let e=localStorage.getItem(z);if(!e)return null;let t=JSON.parse(e);return t.hassUrl===nt()?new He(t,U):null}catch{return null}}async function ut(e){e&&await e.revoke().catch(()=>void 0),U(null)}var W=e=>typeof e==`object`&&!!e&&[`unknown_command`,`not_found`].includes(String(e.code))&&/unknown command|not found|not loaded/i.test(String(e.message??``)),G=e=>typeof e==`object`&&e&&`message`in e?String(e.message):e===2?`Authentication failed`:String(e),dt=class{constructor(e){this.auth=e,this.entities={},this.areas=[],this.floors=[],this.entries=new Map,this.devices=new Map,this.user=null,this.config={},this.status=`connecting`,this.resumedAt=0,this.listeners=new Set}async connect(){this.conn=await et({auth:this.auth}),this.status=`connected`,this.conn.addEventListener(`disconnected`,()=>{this.status=`disconnected`,this.emit()}),this.conn.addEventListener(`ready`,()=>{this.status=`connected`,this.resumedAt=Date.now(),this.emit(),this.loadRegistries()}),$e(this.conn,e=>{this.entities=e,this.emit()}),await this.loadRegistries()}async loadRegistries(){let[e,t,n,r,i,a]=await Promise.all([this.call({type:`auth/current_user`}).catch(()=>null),this.call({type:`get_config`}).catch(()=>({})),this.call({type:`config/area_registry/list`}).catch(()=>[]),this.call({type:`config/floor_registry/list`}).catch(()=>[]),this.call({type:`config/entity_registry/list`}).catch(()=>[]),this.call({type:`config/device_registry/list`}).catch(()=>[])]);this.user=e,this.config=t,this.areas=n,this.floors=r,this.entries=new Map(i.map(e=>[e.entity_id,e])),this.devices=new Map(a.map(e=>[e.id,e])),this.emit()}call(e){return this.conn.sendMessagePromise(e)}callService(e,t,n={},r=!1){return this.call({type:`call_service`,domain:e,service:t,service_data:n,...r?{return_response:!0}:{}})}hasService(e,t){return this.call({type:`get_services`}).then(n=>!!n[e]?.[t]).catch(()=>!1)}async rest(e,t,n){this.auth.expired&&await this.auth.refreshAccessToken();let r=await fetch(t,{method:e,headers:{Authorization:`Bearer ${this.auth.accessToken}`,...n===void 0?{}:{"Content-Type":`application/json`}},body:n===void 0?void 0:JSON.stringify(n)}),i=await r.text(),a=null;try{a=i?JSON.parse(i):null}catch{a={message:i}}if(!r.ok){let e=a?.message??r.statusText;throw{code:r.status,message:e}}return a}areaOf(e){let t=this.entries.get(e);return t?t.area_id?t.area_id:(t.device_id?this.devices.get(t.device_id):void 0)?.area_id??null:null}name(e){return this.entities[e]?.attributes.friendly_name??this.entries.get(e)?.name??e}subscribe(e){return this.listeners.add(e),()=>this.listeners.delete(e)}emit(){for(let e of this.listeners)e()}close(){this.conn?.close()}},K=o`
  :host {
    color: var(--fg);
    font: inherit;
  }
  * {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  h1 {
    font-size: 1.4rem;
  }
  h2 {
    font-size: 1.1rem;
  }
  h3 {
    font-size: 1rem;
  }
  .card {
    background: var(--card);
    border: 1px solid var(--border);
    border-radius: 12px;
    padding: 0.9rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 165px), 1fr));
    gap: 0.75rem;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .spacer {
    flex: 1;
  }
  .muted {
    color: var(--muted);
  }
  .small {
    font-size: 0.85rem;
  }
  .error {
    color: var(--danger);
  }
  .notice {
    border-left: 4px solid var(--warn);
    background: var(--card);
    padding: 0.6rem 0.8rem;
    border-radius: 6px;
  }
  button,
  .btn {
    font: inherit;
    cursor: pointer;
    border: 1px solid var(--border);
    background: var(--btn);
    color: var(--fg);
    border-radius: 8px;
    padding: 0.5rem 0.9rem;
    min-height: 40px;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: #fff;
  }
  button.danger {
    background: var(--danger);
    border-color: var(--danger);
    color: #fff;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  a:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--fg);
    background: var(--input);
    border: 1px solid var(--border);
    border-radius: 8px;
    padding: 0.5rem 0.6rem;
    min-height: 40px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-size: 0.9rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--border);
    font-size: 0.9rem;
    vertical-align: top;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    background: var(--btn);
    border: 1px solid var(--border);
  }
  .badge.on {
    background: var(--accent-soft);
    border-color: var(--accent);
  }
  .badge.bad {
    background: var(--danger);
    color: #fff;
    border-color: var(--danger);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
`,ft={home:`M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10`,shield:`M12 3 4 6v6c0 5 3.4 8.3 8 9.5 4.6-1.2 8-4.5 8-9.5V6z`,alert:`M12 3 2 20h20zM12 10v4M12 17v.5`,chart:`M3 20h18M5 16l4-5 4 3 6-8`,list:`M4 6h16M4 12h16M4 18h16`,gear:`M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1`,bell:`M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0`,users:`M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20c0-4 3-6 7-6s7 2 7 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c2.4.6 4 2.6 4 6`,info:`M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.5`,theme:`M12 3a9 9 0 1 0 0 18zM12 3a9 9 0 0 1 0 18`,bulb:`M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z`,power:`M12 3v8M6.3 6.3a8 8 0 1 0 11.4 0`,lock:`M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11M12 15v2`,thermo:`M10 4a2 2 0 0 1 4 0v10a4 4 0 1 1-4 0zM12 9v7`,door:`M6 21V3h12v18M3 21h18M14.5 12v.5`,window:`M4 4h16v16H4zM12 4v16M4 12h16`,motion:`M12 12m-2 0a2 2 0 1 0 4 0 2 2 0 1 0-4 0M7.5 7.5a6.4 6.4 0 0 0 0 9M16.5 7.5a6.4 6.4 0 0 1 0 9M4.6 4.6a10.5 10.5 0 0 0 0 14.8M19.4 4.6a10.5 10.5 0 0 1 0 14.8`,camera:`M3 7h4l2-2h6l2 2h4v12H3zM12 10a3 3 0 1 0 0 6 3 3 0 0 0 0-6z`,drop:`M12 3s6 6.6 6 11a6 6 0 0 1-12 0c0-4.4 6-11 6-11z`,siren:`M7 18v-6a5 5 0 0 1 10 0v6M4 18h16v3H4zM12 3v2M4.5 6l1.5 1.5M19.5 6 18 7.5`,valve:`M4 9h5v6H4zM15 9h5v6h-5zM9 12h6M12 12V6M9 6h6`,cover:`M4 4h16v16H4zM4 8h16M4 12h16M4 16h16`,fire:`M12 3c1 4 5 5 5 10a5 5 0 0 1-10 0c0-2.5 1.5-3.5 2-5 1 1.5 1.5 2 2 2 0-2.5 0-4.5 1-7z`,play:`M7 4v16l13-8z`,dot:`M12 12m-4 0a4 4 0 1 0 8 0 4 4 0 1 0-8 0`,menu:`M4 6h16M4 12h16M4 18h16`,sensor:`M4 20V10M10 20V4M16 20v-7M22 20H2`,tag:`M3 12V3h9l9 9-9 9zM7.5 7.5v.5`},pt={door:`door`,garage_door:`door`,opening:`door`,window:`window`,motion:`motion`,occupancy:`motion`,presence:`motion`,smoke:`fire`,heat:`fire`,gas:`alert`,carbon_monoxide:`alert`,moisture:`drop`,tamper:`alert`,problem:`alert`,lock:`lock`},mt={light:`bulb`,switch:`power`,input_boolean:`power`,lock:`lock`,cover:`cover`,climate:`thermo`,sensor:`sensor`,alarm_control_panel:`shield`,camera:`camera`,valve:`valve`,siren:`siren`,fan:`gear`,automation:`gear`,script:`play`,scene:`play`,button:`dot`,input_button:`dot`,input_number:`sensor`,update:`info`,event:`tag`};function q(e,t){let n=ft[e]??ft.dot;return k`<svg
    class="icon"
    viewBox="0 0 24 24"
    width="22"
    height="22"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
    stroke-linejoin="round"
    role=${t?`img`:`presentation`}
    aria-hidden=${t?`false`:`true`}
    aria-label=${t??``}
  >
    ${_e`<path d=${n}></path>`}
  </svg>`}function ht(e,t){return e===`binary_sensor`?pt[String(t)]??`dot`:e===`sensor`&&t===`temperature`?`thermo`:e===`sensor`&&t===`humidity`?`drop`:mt[e]??`dot`}var gt={invalid_auth:`Wrong username or password.`,invalid_code:`That code is not valid. Try the current code from your app.`,too_many_attempts:`Too many attempts. Start again.`},_t=class extends R{static{this.properties={onboarding:{type:Boolean},step:{state:!0},error:{state:!0},busy:{state:!0},placeholders:{state:!0}}}constructor(){super(),this.flow=null,this.onboarding=!1,this.step=`credentials`,this.error=``,this.busy=!1,this.placeholders=null}static{this.styles=[K,o`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: 1rem;
      }
      form {
        width: min(420px, 100%);
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        font-size: 1.4rem;
        font-weight: 700;
        color: var(--accent);
      }
      code {
        word-break: break-all;
      }
    `]}done(e){this.dispatchEvent(new CustomEvent(`logged-in`,{detail:e,bubbles:!0,composed:!0}))}field(e,t){return e.elements.namedItem(t)?.value??``}async submit(e){e.preventDefault();let t=e.target;this.busy=!0,this.error=``;try{this.onboarding?await this.submitOnboarding(t):await this.submitLogin(t)}catch(e){this.error=e instanceof Error?e.message:String(e)}finally{this.busy=!1}}async submitOnboarding(e){let t=this.field(e,`password`);if(t!==this.field(e,`password2`)){this.error=`The passwords do not match.`;return}let n=await at({code:this.field(e,`code`).trim(),name:this.field(e,`name`),username:this.field(e,`username`),password:t});n?this.done(await ct(n)):(this.onboarding=!1,this.error=`Owner created. Sign in to continue.`)}async submitLogin(e){let t;if(this.step===`credentials`||!this.flow?(this.flow=await ot(),t=await st(this.flow.flow_id,{username:this.field(e,`username`),password:this.field(e,`password`)})):t=await st(this.flow.flow_id,{code:this.field(e,`code`).trim()}),this.flow=t,t.type===`create_entry`&&t.result){this.done(await ct(t.result));return}if(t.type===`abort`){this.step=`credentials`,this.flow=null,this.error=gt[t.reason??``]??`Login stopped: ${t.reason}`;return}this.step=t.step_id===`mfa_setup`?`mfa_setup`:t.step_id===`mfa`?`mfa`:`credentials`,this.placeholders=t.description_placeholders??null;let n=t.errors?.base;n&&(this.error=gt[n]??n)}render(){return k`
      <form class="card" @submit=${this.submit} aria-busy=${this.busy}>
        <div class="brand">${q(`shield`)} Bastion</div>
        ${this.onboarding?this.renderOnboarding():this.renderLogin()}
        ${this.error?k`<p class="error" role="alert">${this.error}</p>`:``}
      </form>
    `}renderOnboarding(){return k`
      <h1>Welcome — create the owner</h1>
      <p class="muted small">
        Enter the one-time setup code printed on the hub's console at first start.
      </p>
      <label>Setup code<input name="code" autocomplete="one-time-code" required autofocus /></label>
      <label>Your name<input name="name" autocomplete="name" required /></label>
      <label>Username<input name="username" autocomplete="username" required /></label>
      <label
        >Password<input
          name="password"
          type="password"
          autocomplete="new-password"
          minlength="8"
          required
      /></label>
      <label
        >Repeat password<input
          name="password2"
          type="password"
          autocomplete="new-password"
          required
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>Create owner</button>
    `}renderLogin(){if(this.step===`credentials`)return k`
        <h1>Sign in</h1>
        <label>Username<input name="username" autocomplete="username" required autofocus /></label>
        <label
          >Password<input name="password" type="password" autocomplete="current-password" required
        /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      `;let e=this.step===`mfa_setup`;return k`
      <h1>${e?`Set up two-factor authentication`:`Two-factor authentication`}</h1>
      ${e&&this.placeholders?k`<p class="small">
            Add this secret to your authenticator app, then enter the current code:
            <code>${this.placeholders.secret}</code>
          </p>`:k`<p class="muted small">Enter the 6-digit code from your authenticator app.</p>`}
      <label
        >Code<input
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9A-Za-z-]*"
          required
          autofocus
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>Verify</button>
    `}};customElements.define(`bastion-login`,_t);var J=class extends R{constructor(...e){super(...e),this.unsubscribe=null}static{this.properties={hub:{attribute:!1}}}static{this.styles=[K]}connectedCallback(){super.connectedCallback(),this.unsubscribe=this.hub?.subscribe(()=>this.requestUpdate())??null,this.hubConnected()}disconnectedCallback(){super.disconnectedCallback(),this.unsubscribe?.(),this.unsubscribe=null}hubConnected(){}},Y=e=>`${e} is not available on this hub (the hub does not offer that command yet).`,X=e=>e.split(`.`,1)[0],vt={door:[`Open`,`Closed`],window:[`Open`,`Closed`],garage_door:[`Open`,`Closed`],opening:[`Open`,`Closed`],motion:[`Detected`,`Clear`],occupancy:[`Detected`,`Clear`],presence:[`Home`,`Away`],smoke:[`Smoke detected`,`Clear`],gas:[`Gas detected`,`Clear`],carbon_monoxide:[`CO detected`,`Clear`],moisture:[`Wet`,`Dry`],tamper:[`Tampered`,`Clear`],vibration:[`Detected`,`Clear`],problem:[`Problem`,`OK`],safety:[`Unsafe`,`Safe`],lock:[`Unlocked`,`Locked`],battery:[`Low`,`Normal`],connectivity:[`Connected`,`Disconnected`],plug:[`Plugged in`,`Unplugged`],power:[`Power`,`No power`],sound:[`Detected`,`Clear`]},yt={disarmed:`Disarmed`,armed_home:`Armed home`,armed_away:`Armed away`,armed_night:`Armed night`,armed_vacation:`Armed vacation`,armed_custom_bypass:`Armed (bypass)`,arming:`Arming`,pending:`Entry delay`,disarming:`Disarming`,triggered:`TRIGGERED`},bt=e=>!e||e.state===`unavailable`||e.state===`unknown`,xt=e=>e&&e[0].toUpperCase()+e.slice(1).replace(/_/g,` `);function Z(e){if(!e)return`Missing`;if(e.state===`unavailable`)return`Unavailable`;if(e.state===`unknown`)return`Unknown`;let t=X(e.entity_id);if(t===`binary_sensor`){let t=vt[String(e.attributes.device_class??``)]??[`On`,`Off`];return e.state===`on`?t[0]:t[1]}if(t===`alarm_control_panel`)return yt[e.state]??xt(e.state);let n=e.attributes.unit_of_measurement;if(n!=null&&e.state!==``){let t=Number(e.state);return`${Number.isFinite(t)?St(t):e.state} ${n}`}return t===`sensor`&&e.attributes.device_class===`timestamp`?Q(e.state):xt(e.state)}function St(e){return Number.isInteger(e)?String(e):e.toLocaleString(void 0,{maximumFractionDigits:2})}function Q(e){let t=typeof e==`number`?e*1e3:Date.parse(e);if(!Number.isFinite(t))return String(e);let n=Math.round((Date.now()-t)/1e3),r=Math.abs(n),i=new Intl.RelativeTimeFormat(void 0,{numeric:`auto`});return r<60?i.format(-n,`second`):r<3600?i.format(-Math.round(n/60),`minute`):r<86400?i.format(-Math.round(n/3600),`hour`):i.format(-Math.round(n/86400),`day`)}var $=e=>{let t=typeof e==`number`?new Date(e*1e3):new Date(e);return Number.isNaN(t.getTime())?String(e):t.toLocaleString()};function Ct(e){let t=X(e.entity_id);return t===`lock`?e.state!==`locked`:t===`alarm_control_panel`?e.state===`triggered`||e.state===`pending`:[`on`,`open`,`opening`,`home`,`playing`,`heat`,`cool`].includes(e.state)}var wt=new Set([`light`,`switch`,`fan`,`input_boolean`,`siren`,`automation`]),Tt=new Set([`brightness`,`color_temp`,`hs`,`rgb`,`rgbw`,`rgbww`,`xy`,`white`]),Et=class extends R{static{this.properties={hub:{attribute:!1},stateObj:{attribute:!1},spark:{attribute:!1},confirming:{state:!0},error:{state:!0}}}constructor(){super(),this.confirming=``,this.error=``}static{this.styles=[K,o`
      :host {
        display: block;
      }
      .card {
        height: 100%;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .card.active {
        border-color: var(--accent);
      }
      .card.unavailable {
        opacity: 0.65;
        border-style: dashed;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .icon {
        display: flex;
        color: var(--muted);
        flex: none;
      }
      .active .icon {
        color: var(--accent);
      }
      .name {
        font-weight: 600;
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .state {
        font-size: 0.95rem;
      }
      .state.warn {
        color: var(--danger);
        font-weight: 600;
      }
      input[type="range"] {
        width: 100%;
        padding: 0;
      }
      .switch {
        position: relative;
        width: 52px;
        height: 30px;
        border-radius: 15px;
        padding: 0;
        min-height: 0;
        background: var(--border);
      }
      .switch[aria-checked="true"] {
        background: var(--accent);
        border-color: var(--accent);
      }
      .switch::after {
        content: "";
        position: absolute;
        top: 3px;
        left: 3px;
        width: 22px;
        height: 22px;
        border-radius: 50%;
        background: #fff;
        transition: transform 0.15s;
      }
      .switch[aria-checked="true"]::after {
        transform: translateX(22px);
      }
      svg {
        width: 100%;
        height: 36px;
      }
      polyline {
        fill: none;
        stroke: var(--accent);
        stroke-width: 2;
      }
    `]}async call(e,t,n={}){this.error=``;try{await this.hub.callService(e,t,{entity_id:this.stateObj.entity_id,...n})}catch(e){this.error=G(e)}}render(){let e=this.stateObj,t=X(e.entity_id),n=bt(e),r=this.hub.name(e.entity_id),i=e.state===`unavailable`||t===`lock`&&e.state===`jammed`||t===`alarm_control_panel`&&e.state===`triggered`||t===`binary_sensor`&&e.state===`on`&&[`smoke`,`gas`,`carbon_monoxide`,`moisture`,`tamper`,`problem`].includes(String(e.attributes.device_class));return k`
      <div
        class="card ${Ct(e)?`active`:``} ${n?`unavailable`:``}"
        data-entity=${e.entity_id}
      >
        <div class="head">
          <span class="icon">${q(ht(t,e.attributes.device_class))}</span>
          <span class="name">${r}</span>
          ${wt.has(t)&&!n?this.renderSwitch(e,t,r):j}
        </div>
        <div class="state ${i?`warn`:``}" data-testid="state">${Z(e)}</div>
        ${n?j:this.renderControls(e,t,r)}
        ${this.spark&&this.spark.length>1?this.renderSpark(this.spark):j}
        ${this.error?k`<div class="error small" role="alert">${this.error}</div>`:j}
      </div>
    `}renderSwitch(e,t,n){let r=e.state===`on`,i=t===`automation`?r?`turn_off`:`turn_on`:`toggle`;return k`<button
      class="switch"
      role="switch"
      aria-checked=${r?`true`:`false`}
      aria-label="${n}: ${r?`on`:`off`}"
      @click=${()=>this.call(t===`siren`&&r?`siren`:t,t===`siren`?r?`turn_off`:`turn_on`:i)}
    ></button>`}renderControls(e,t,n){switch(t){case`light`:{if(!(e.attributes.supported_color_modes??[]).some(e=>Tt.has(e)))return j;let t=Math.round((Number(e.attributes.brightness)||0)/255*100);return k`<label class="small"
          >Brightness ${e.state===`on`?`${t}%`:``}
          <input
            type="range"
            min="1"
            max="100"
            .value=${String(t||1)}
            aria-label="${n} brightness"
            @change=${e=>this.call(`light`,`turn_on`,{brightness_pct:Number(e.target.value)})}
        /></label>`}case`lock`:return this.renderLock(e,n);case`cover`:case`valve`:{let e=t===`cover`?`open_cover`:`open_valve`,r=t===`cover`?`close_cover`:`close_valve`,i=t===`cover`?`stop_cover`:`stop_valve`;return k`<div class="row">
          <button @click=${()=>this.call(t,e)} aria-label="Open ${n}">Open</button>
          <button @click=${()=>this.call(t,i)} aria-label="Stop ${n}">Stop</button>
          <button @click=${()=>this.call(t,r)} aria-label="Close ${n}">Close</button>
        </div>`}case`climate`:{let t=Number(e.attributes.temperature),r=Number(e.attributes.target_temp_step)||.5;return k`<div class="small muted">
            Current ${e.attributes.current_temperature??`—`} · mode ${e.state}
          </div>
          <div class="row">
            <button aria-label="Lower ${n} target" @click=${()=>this.call(`climate`,`set_temperature`,{temperature:t-r})}>−</button>
            <strong aria-live="polite">${Number.isFinite(t)?t:`—`}°</strong>
            <button aria-label="Raise ${n} target" @click=${()=>this.call(`climate`,`set_temperature`,{temperature:t+r})}>+</button>
          </div>`}case`input_number`:{let t=e.attributes;return k`<input
          type="range"
          min=${String(t.min)}
          max=${String(t.max)}
          step=${String(t.step??1)}
          .value=${e.state}
          aria-label=${n}
          @change=${e=>this.call(`input_number`,`set_value`,{value:Number(e.target.value)})}
        />`}case`script`:case`scene`:case`button`:case`input_button`:{let e=t===`script`||t===`scene`?`turn_on`:`press`;return k`<button @click=${()=>this.call(t,e)}>
          ${t===`script`?`Run`:t===`scene`?`Activate`:`Press`}
        </button>`}case`alarm_control_panel`:return k`<a class="btn" href="#/alarm">Open keypad</a>`;default:return j}}renderLock(e,t){let n=e.state===`locked`,r=n?`unlock`:`lock`;return this.confirming===r?k`<div class="row" role="group" aria-label="Confirm ${r}">
        <span class="small">${n?`Unlock`:`Lock`} ${t}?</span>
        <button
          class=${n?`danger`:`primary`}
          @click=${()=>{this.confirming=``,this.call(`lock`,r)}}
        >
          Yes, ${r}
        </button>
        <button @click=${()=>this.confirming=``}>Cancel</button>
      </div>`:k`<button @click=${()=>this.confirming=r} aria-label="${n?`Unlock`:`Lock`} ${t}">
      ${n?`Unlock`:`Lock`}
    </button>`}renderSpark(e){let t=Math.min(...e),n=Math.max(...e)-t||1;return k`<svg viewBox="0 0 100 32" preserveAspectRatio="none" role="img" aria-label="Last 24 hours">
      ${_e`<polyline points=${e.map((r,i)=>`${(i/(e.length-1)*100).toFixed(1)},${(30-(r-t)/n*28+1).toFixed(1)}`).join(` `)}></polyline>`}
    </svg>`}};customElements.define(`bastion-entity`,Et);var Dt=new Set([`automation`,`zone`,`persistent_notification`,`sun`,`tag`]),Ot=24,kt=class extends J{static{this.properties={...J.properties,filter:{state:!0},sparks:{state:!0}}}constructor(){super(),this.sparkLoaded=!1,this.filter=``,this.sparks={}}static{this.styles=[K,o`
      section {
        margin-bottom: 1.4rem;
      }
      .floor {
        font-size: 0.8rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--muted);
        margin: 1.2rem 0 0.4rem;
      }
      input[type="search"] {
        width: min(320px, 100%);
      }
    `]}updated(){!this.sparkLoaded&&Object.keys(this.hub.entities).length&&(this.sparkLoaded=!0,this.loadSparks())}numericIds(){return Object.values(this.hub.entities).filter(e=>X(e.entity_id)===`sensor`&&e.attributes.unit_of_measurement!==void 0).map(e=>e.entity_id)}async loadSparks(){let e=this.numericIds();if(e.length)try{let t=new Date(Date.now()-Ot*36e5).toISOString(),n=await this.hub.call({type:`history/history_during_period`,start_time:t,entity_ids:e,minimal_response:!0,no_attributes:!0}),r={};for(let[e,t]of Object.entries(n))r[e]=t.map(e=>Number(e.s)).filter(Number.isFinite);this.sparks=r}catch{}}groups(){let e=this.hub,t=this.filter.trim().toLowerCase(),n=new Map;for(let r of Object.values(e.entities)){if(Dt.has(X(r.entity_id))||e.entries.get(r.entity_id)?.hidden_by||t&&!`${e.name(r.entity_id)} ${r.entity_id}`.toLowerCase().includes(t))continue;let i=e.areaOf(r.entity_id)??``,a=n.get(i)??[];a.push(r),n.set(i,a)}let r=t=>t.sort((t,n)=>e.name(t.entity_id).localeCompare(e.name(n.entity_id))),i=e.areas.filter(e=>n.has(e.area_id)).map(e=>({id:e.area_id,name:e.name,floor:e.floor_id??null,entities:r(n.get(e.area_id))})),a=new Set(e.areas.map(e=>e.area_id));for(let[e,t]of n)a.has(e)||i.push({id:e||`other`,name:e||`Other`,floor:null,entities:r(t)});let o=[...e.floors].sort((e,t)=>(e.level??0)-(t.level??0)),s=o.map(e=>({floor:e.name,areas:i.filter(t=>t.floor===e.floor_id)})).filter(e=>e.areas.length),c=new Set(o.map(e=>e.floor_id)),l=i.filter(e=>!e.floor||!c.has(e.floor));return l.length&&s.push({floor:o.length?`Other areas`:null,areas:l}),s}render(){let e=this.groups();return k`
      <div class="row">
        <h1>Dashboard</h1>
        <span class="spacer"></span>
        <input
          type="search"
          placeholder="Filter entities"
          aria-label="Filter entities"
          .value=${this.filter}
          @input=${e=>this.filter=e.target.value}
        />
      </div>
      ${e.length===0?k`<p class="muted">No entities yet.</p>`:j}
      ${e.map(e=>k`
          ${e.floor?k`<div class="floor" role="heading" aria-level="2">${e.floor}</div>`:j}
          ${e.areas.map(e=>k`<section aria-labelledby="area-${e.id}" data-area=${e.id}>
              <h2 id="area-${e.id}">${e.name}</h2>
              <div class="grid">
                ${e.entities.map(e=>k`<bastion-entity
                    .hub=${this.hub}
                    .stateObj=${e}
                    .spark=${this.sparks[e.entity_id]}
                  ></bastion-entity>`)}
              </div>
            </section>`)}
        `)}
    `}};customElements.define(`bastion-dashboard`,kt);var At=[[`armed_away`,`Arm away`,2],[`armed_home`,`Arm home`,1],[`armed_night`,`Arm night`,4],[`armed_vacation`,`Arm vacation`,32]],jt={armed_away:`alarm_arm_away`,armed_home:`alarm_arm_home`,armed_night:`alarm_arm_night`,armed_vacation:`alarm_arm_vacation`},Mt=[`1`,`2`,`3`,`4`,`5`,`6`,`7`,`8`,`9`,`clear`,`0`,`back`],Nt=class extends J{static{this.properties={...J.properties,selected:{state:!0},code:{state:!0},message:{state:!0},failed:{state:!0},busy:{state:!0},tick:{state:!0}}}constructor(){super(),this.timer=0,this.selected=``,this.code=``,this.message=``,this.failed=!1,this.busy=!1,this.tick=0}static{this.styles=[K,o`
      .panels {
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
        margin-bottom: 0.8rem;
      }
      .panels button[aria-pressed="true"] {
        background: var(--accent);
        color: #fff;
        border-color: var(--accent);
      }
      .keypad-wrap {
        display: grid;
        grid-template-columns: minmax(260px, 380px) 1fr;
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 800px) {
        .keypad-wrap {
          grid-template-columns: 1fr;
        }
      }
      .status {
        font-size: 1.5rem;
        font-weight: 700;
        padding: 0.8rem;
        border-radius: 10px;
        text-align: center;
        background: var(--btn);
      }
      .status.disarmed {
        background: var(--ok);
        color: #fff;
      }
      .status.armed {
        background: var(--accent);
        color: #fff;
      }
      .status.pending,
      .status.arming {
        background: var(--warn);
        color: #fff;
      }
      .status.triggered {
        background: var(--danger);
        color: #fff;
        animation: pulse 1s infinite alternate;
      }
      @keyframes pulse {
        to {
          opacity: 0.7;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .status.triggered {
          animation: none;
        }
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.5rem;
        margin: 0.7rem 0;
      }
      .keys button {
        font-size: 1.4rem;
        min-height: 56px;
      }
      .code {
        width: 100%;
        font-size: 1.4rem;
        text-align: center;
        letter-spacing: 0.3em;
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem;
      }
      .actions .disarm {
        grid-column: 1 / -1;
      }
      .msg {
        margin: 0.6rem 0 0;
        font-weight: 600;
      }
      ul {
        margin: 0.3rem 0;
        padding-left: 1.2rem;
      }
    `]}connectedCallback(){super.connectedCallback(),this.timer=window.setInterval(()=>this.tick=Date.now(),1e3)}disconnectedCallback(){super.disconnectedCallback(),clearInterval(this.timer)}panels(){return Object.values(this.hub.entities).filter(e=>X(e.entity_id)===`alarm_control_panel`).sort((e,t)=>e.entity_id.localeCompare(t.entity_id))}async send(e,t,n=!1){this.busy=!0,this.message=``,this.failed=!1;let r=this.code||void 0;try{t===`disarmed`?(await this.hub.callService(`alarm_control_panel`,`alarm_disarm`,{entity_id:e.entity_id,...r?{code:r}:{}}),this.message=`Disarmed.`):n?(await this.hub.callService(`alarm`,`arm`,{entity_id:e.entity_id,mode:t,force:!0,...r?{code:r}:{}}),this.message=`Arming with open sensors bypassed.`):(await this.hub.callService(`alarm_control_panel`,jt[t],{entity_id:e.entity_id,...r?{code:r}:{}}),this.message=`Command accepted.`),this.code=``}catch(e){this.failed=!0,this.message=G(e),this.code=``}finally{this.busy=!1}}press(e){e===`clear`?this.code=``:e===`back`?this.code=this.code.slice(0,-1):this.code.length<16&&(this.code+=e)}countdown(e){let t=e.attributes,n=t.delay_until??t.expires_at,r=null;return typeof n==`string`?r=(Date.parse(n)-Date.now())/1e3:typeof t.delay==`number`&&(r=t.delay-(Date.now()-Date.parse(e.last_changed))/1e3),this.tick,r!==null&&Number.isFinite(r)?`${Math.max(0,Math.ceil(r))} s`:``}render(){let e=this.panels();if(!e.length)return k`<h1>Alarm</h1>
        <p class="notice">No alarm panels on this hub. Configure the <code>alarm:</code> integration.</p>`;let t=e.find(e=>e.entity_id===this.selected)??e[0];return k`
      <h1>Alarm</h1>
      ${e.length>1?k`<div class="panels" role="group" aria-label="Alarm areas">
            ${e.map(e=>k`<button
                aria-pressed=${e.entity_id===t.entity_id?`true`:`false`}
                @click=${()=>{this.selected=e.entity_id,this.message=``}}
              >
                ${this.hub.name(e.entity_id)} · ${Z(e)}
              </button>`)}
          </div>`:j}
      <div class="keypad-wrap">${this.renderKeypad(t)} ${this.renderDetails(t)}</div>
    `}renderKeypad(e){let t=e.state,n=t.startsWith(`armed`)?`armed`:t,r=Number(e.attributes.supported_features??0),i=At.filter(([,,e])=>!r||r&e),a=this.countdown(e),o=t===`disarmed`;return k`<div class="card" data-testid="keypad">
      <h2>${this.hub.name(e.entity_id)}</h2>
      <div class="status ${n}" role="status" aria-live="assertive" data-testid="alarm-state">
        ${Z(e)}${a?k` · <span data-testid="countdown">${a}</span>`:j}
      </div>
      ${t===`arming`?k`<p class="small">Exit delay running — leave now, or disarm.</p>`:t===`pending`?k`<p class="small"><strong>Entry delay — enter your code to disarm.</strong></p>`:j}
      <label class="sr-only" for="code">Alarm code</label>
      <input
        id="code"
        class="code"
        type="password"
        inputmode="numeric"
        autocomplete="off"
        placeholder="Code"
        .value=${this.code}
        @input=${e=>this.code=e.target.value}
        @keydown=${t=>{t.key===`Enter`&&this.send(e,o?`armed_away`:`disarmed`)}}
      />
      <div class="keys" role="group" aria-label="Keypad">
        ${Mt.map(e=>k`<button
            ?disabled=${this.busy}
            aria-label=${e===`clear`?`Clear code`:e===`back`?`Delete last digit`:e}
            @click=${()=>this.press(e)}
          >
            ${e===`clear`?`C`:e===`back`?`⌫`:e}
          </button>`)}
      </div>
      <div class="actions">
        ${i.map(([n,r])=>k`<button
            class=${t===n?`primary`:``}
            ?disabled=${this.busy||!o}
            @click=${()=>this.send(e,n)}
          >
            ${r}
          </button>`)}
        <button class="disarm danger" ?disabled=${this.busy||o} @click=${()=>this.send(e,`disarmed`)}>
          Disarm
        </button>
      </div>
      ${this.message?k`<p class="msg ${this.failed?`error`:``}" role="alert" data-testid="alarm-message">
            ${this.message}
          </p>`:j}
    </div>`}renderDetails(e){let t=e.attributes,n=t.open_sensors??[],r=t.bypassed_sensors??[],i=t.trigger_sensors??[],a=e=>k`<ul>
        ${e.map(e=>k`<li>${this.hub.name(e)} <span class="muted small">(${e})</span></li>`)}
      </ul>`;return k`<div class="card">
      ${e.state===`triggered`?k`<h2 class="error">Alarm triggered</h2>
            ${i.length?k`<p>Triggered by:</p>${a(i)}`:k`<p>Trigger source unknown.</p>`}`:j}
      <h3>Ready to arm</h3>
      ${n.length?k`<p class="error">Not ready — open sensors:</p>
            ${a(n)}
            ${e.state===`disarmed`?k`<button @click=${()=>this.send(e,`armed_away`,!0)}>
                  Force arm away (bypass open sensors)
                </button>`:j}`:k`<p>All sensors are closed.</p>`}
      ${r.length?k`<h3>Bypassed</h3>${a(r)}`:j}
      ${t.changed_by?k`<p class="small muted">Last changed by ${t.changed_by}</p>`:j}
    </div>`}};customElements.define(`bastion-alarm`,Nt);var Pt=new Set([`door`,`window`,`garage_door`,`opening`]),Ft=5e3,It=100,Lt=class extends J{static{this.properties={...J.properties,incidents:{state:!0},incidentError:{state:!0},audit:{state:!0},auditError:{state:!0},auditFilter:{state:!0},message:{state:!0},playbooks:{state:!0}}}constructor(){super(),this.refresh=0,this.unsubPlaybooks=null,this.incidents=null,this.incidentError=``,this.audit=null,this.auditError=``,this.auditFilter=``,this.message=``,this.playbooks={}}static{this.styles=[K,o`
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: 0.8rem;
        margin-bottom: 0.8rem;
      }
      ul {
        margin: 0;
        padding-left: 1.1rem;
      }
      li {
        margin: 0.2rem 0;
      }
      .incident {
        border-left: 4px solid var(--danger);
        padding: 0.4rem 0.6rem;
        margin: 0.4rem 0;
        background: var(--bg);
        border-radius: 6px;
      }
      .incident.acknowledged {
        border-color: var(--ok);
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}hubConnected(){this.loadIncidents(),this.loadAudit(),this.refresh=window.setInterval(()=>void this.loadIncidents(),Ft),this.hub.conn.subscribeEvents(e=>this.playbooks={...this.playbooks,[e.data.playbook]:e.data.status},`alarm_playbook`).then(e=>this.unsubPlaybooks=e).catch(()=>void 0)}disconnectedCallback(){super.disconnectedCallback(),clearInterval(this.refresh),this.unsubPlaybooks?.()}async loadIncidents(){try{let e=(await this.hub.callService(`alarm`,`incidents`,{},!0)).response;this.incidents=e?.incidents??[],this.incidentError=``}catch(e){this.incidents=null,this.incidentError=/not found/i.test(G(e))?Y(`The incident list (alarm.incidents)`):G(e)}}async loadAudit(){try{let e=this.auditFilter.trim();this.audit=await this.hub.call({type:`audit/list`,limit:It,...e?{action:e}:{}}),this.auditError=``}catch(e){this.audit=null,this.auditError=W(e)?Y(`The audit log viewer (audit/list)`):G(e)}}async acknowledge(e){this.message=``;try{await this.hub.callService(`alarm`,`acknowledge`,e?{incident_id:e.incident_id}:{}),this.message=`Acknowledged.`,await this.loadIncidents()}catch(e){this.message=G(e)}}list(e){return Object.values(this.hub.entities).filter(e)}render(){let e=this.list(e=>X(e.entity_id)===`alarm_control_panel`),t=e.filter(e=>e.state===`triggered`||e.state===`pending`),n=this.list(e=>X(e.entity_id)===`binary_sensor`&&Pt.has(String(e.attributes.device_class))&&e.state===`on`),r=this.list(e=>X(e.entity_id)===`lock`&&e.state!==`locked`),i=this.list(e=>X(e.entity_id)===`binary_sensor`&&[`smoke`,`gas`,`carbon_monoxide`,`moisture`,`tamper`].includes(String(e.attributes.device_class))&&e.state===`on`),a=[...new Set(e.flatMap(e=>e.attributes.bypassed_sensors??[]))],o=(this.incidents??[]).filter(e=>e.status!==`closed`);return k`
      <h1>Security center</h1>
      <div class="cols">
        <section class="card" aria-labelledby="alarms-h">
          <h2 id="alarms-h">Active alarms and alerts</h2>
          ${t.map(e=>k`<div class="incident"><strong>${this.hub.name(e.entity_id)}</strong>: ${Z(e)}
              ${e.attributes.trigger_sensors?.length?k`<div class="small">Sensor: ${e.attributes.trigger_sensors.map(e=>this.hub.name(e)).join(`, `)}</div>`:j}</div>`)}
          ${i.map(e=>k`<div class="incident"><strong>${this.hub.name(e.entity_id)}</strong>: ${Z(e)}</div>`)}
          ${this.incidentError?k`<p class="muted small">${this.incidentError}</p>`:j}
          ${o.map(e=>k`<div class="incident ${e.acknowledged_by?`acknowledged`:``}" data-testid="incident">
              <div><strong>${e.kind??`Incident`}</strong> in ${e.area??`?`}
                ${e.sensor?k`· ${this.hub.name(e.sensor)}`:j}</div>
              <div class="small muted">
                ${e.started?k`started ${Q(e.started)}`:j} · ${e.status??``}
                ${e.tier!==void 0&&e.tier>=0?k`· escalation tier ${e.tier+1}`:j}
                ${e.acknowledged_by?k`· acknowledged by ${e.acknowledged_by}`:j}
              </div>
              ${e.acknowledged_by?j:k`<button class="primary" @click=${()=>this.acknowledge(e)}>Acknowledge</button>`}
            </div>`)}
          ${!t.length&&!i.length&&!o.length?k`<p data-testid="all-clear">No active alarms.</p>`:j}
          ${this.message?k`<p role="status" data-testid="ack-message">${this.message}</p>`:j}
        </section>
        <section class="card" aria-labelledby="open-h">
          <h2 id="open-h">Open doors and windows</h2>
          ${n.length?k`<ul>${n.map(e=>k`<li>${this.hub.name(e.entity_id)} — ${Z(e)}</li>`)}</ul>`:k`<p>All closed.</p>`}
          <h3 style="margin-top:0.8rem">Unlocked locks</h3>
          ${r.length?k`<ul>${r.map(e=>k`<li>${this.hub.name(e.entity_id)} — ${Z(e)}</li>`)}</ul>`:k`<p>All locked.</p>`}
        </section>
        <section class="card" aria-labelledby="bypass-h">
          <h2 id="bypass-h">Bypassed sensors</h2>
          ${a.length?k`<ul>${a.map(e=>k`<li>${this.hub.name(e)}</li>`)}</ul>`:k`<p>None.</p>`}
          <h3 style="margin-top:0.8rem">Life-safety playbooks</h3>
          ${Object.entries(this.playbooks).filter(([,e])=>e===`running`).length?k`<ul>
                ${Object.entries(this.playbooks).filter(([,e])=>e===`running`).map(([e])=>k`<li><strong>${e}</strong> running</li>`)}
              </ul>`:k`<p>None running (since this page opened).</p>`}
        </section>
      </div>
      <section class="card" aria-labelledby="audit-h">
        <div class="row">
          <h2 id="audit-h">Audit log</h2>
          <span class="spacer"></span>
          <input
            type="search"
            placeholder="Filter by action (e.g. login)"
            aria-label="Filter audit log by action"
            .value=${this.auditFilter}
            @change=${e=>{this.auditFilter=e.target.value,this.loadAudit()}}
          />
        </div>
        ${this.auditError?k`<p class="muted">${this.auditError}</p>`:j}
        ${this.audit?k`<div class="table-wrap"><table>
              <thead><tr><th>Time</th><th>Action</th><th>Who</th><th>Target</th><th>Outcome</th></tr></thead>
              <tbody>
                ${this.audit.map(e=>k`<tr>
                    <td>${$(e.time??e.ts??``)}</td>
                    <td>${e.action}</td>
                    <td>${e.username??e.user_id??`—`}</td>
                    <td>${e.target??`—`}</td>
                    <td>${e.outcome??``}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:j}
      </section>
    `}};customElements.define(`bastion-security`,Lt);var Rt=`.uplot,.uplot *,.uplot :before,.uplot :after{box-sizing:border-box}.uplot{width:min-content;font-family:system-ui,-apple-system,Segoe UI,Roboto,Helvetica Neue,Arial,Noto Sans,sans-serif,Apple Color Emoji,Segoe UI Emoji,Segoe UI Symbol,Noto Color Emoji;line-height:1.5}.u-title{text-align:center;font-size:18px;font-weight:700}.u-wrap{-webkit-user-select:none;user-select:none;position:relative}.u-over,.u-under{position:absolute}.u-under{overflow:hidden}.uplot canvas{width:100%;height:100%;display:block;position:relative}.u-axis{position:absolute}.u-legend{text-align:center;margin:auto;font-size:14px}.u-inline{display:block}.u-inline *{display:inline-block}.u-inline tr{margin-right:16px}.u-legend th{font-weight:600}.u-legend th>*{vertical-align:middle;display:inline-block}.u-legend .u-marker{width:1em;height:1em;margin-right:4px;background-clip:padding-box!important}.u-inline.u-live th:after{content:":";vertical-align:middle}.u-inline:not(.u-live) .u-value{display:none}.u-series>*{padding:4px}.u-series th{cursor:pointer}.u-legend .u-off>*{opacity:.3}.u-select{pointer-events:none;background:#00000012;position:absolute}.u-cursor-x,.u-cursor-y{pointer-events:none;will-change:transform;position:absolute;top:0;left:0}.u-hz .u-cursor-x,.u-vt .u-cursor-y{border-right:1px dashed #607d8b;height:100%}.u-hz .u-cursor-y,.u-vt .u-cursor-x{border-bottom:1px dashed #607d8b;width:100%}.u-cursor-pt{pointer-events:none;will-change:transform;border:0 solid;border-radius:50%;position:absolute;top:0;left:0;background-clip:padding-box!important}.u-axis.u-off,.u-select.u-off,.u-cursor-x.u-off,.u-cursor-y.u-off,.u-cursor-pt.u-off{display:none}`,zt=(function(){let e=typeof document<`u`&&document.createElement(`link`).relList;return e&&e.supports&&e.supports(`modulepreload`)?`modulepreload`:`preload`})(),Bt=function(e){return`/`+e},Vt={},Ht={},Ut=function(e){return e.pathname.endsWith(`.css`)},Wt=function(e,t,n){if(t in e)return e[t];let r=n();if(!r){e[t]=void 0;return}let i=r.then(()=>{e[t]=void 0},n=>{throw delete e[t],n});return e[t]=i,i},Gt=function(e,t,n){let r=Promise.resolve();if(t&&t.length>0){let e,i=document.querySelector(`meta[property=csp-nonce]`),a=i?.nonce||i?.getAttribute(`nonce`);function o(e){return Promise.all(e.map(e=>Promise.resolve(e).then(e=>({status:`fulfilled`,value:e}),e=>({status:`rejected`,reason:e}))))}function s(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}r=o(t.map(t=>{t=Bt(t,n);let r=s(t),i=Ut(r);return Wt(Vt,r.href,()=>{if(e===void 0){e={all:new Set,styles:new Set};let t=document.getElementsByTagName(`link`);for(let n=t.length-1;n>=0;n--){let r=t[n];e.all.add(r.href),r.rel===`stylesheet`&&e.styles.add(r.href)}}let t=i?e.styles:e.all,n=i?Ht[r.href]:void 0;if(!n&&t.has(r.href))return;let o=document.createElement(`link`);if(o.rel=i?`stylesheet`:zt,i||(o.as=`script`),o.crossOrigin=``,o.href=r.href,a&&o.setAttribute(`nonce`,a),n&&delete Ht[r.href],n?.isConnected?n.replaceWith(o):document.head.appendChild(o),i)return new Promise((e,t)=>{let n=i=>{o.removeEventListener(`load`,n),o.removeEventListener(`error`,n),i.type===`error`?(Ht[r.href]=o,t(Error(`Unable to preload CSS for ${r}`))):e(i)};o.addEventListener(`load`,n),o.addEventListener(`error`,n)})})}).filter(e=>e!==void 0))}function i(e){let t=new Event(`vite:preloadError`,{cancelable:!0});if(t.payload=e,window.dispatchEvent(t),!t.defaultPrevented)throw e}return r.then(t=>{for(let e of t||[])e.status===`rejected`&&i(e.reason);return e().catch(i)})},Kt=[[`1 hour`,1],[`6 hours`,6],[`24 hours`,24],[`7 days`,168]],qt=8,Jt=e=>e.length>0&&e.every(e=>e.s===`unavailable`||e.s===`unknown`||Number.isFinite(Number(e.s))),Yt=class extends J{static{this.properties={...J.properties,hours:{state:!0},selected:{state:!0},data:{state:!0},error:{state:!0}}}constructor(){super(),this.charts=[],this.hours=24,this.selected=[],this.data=null,this.error=``}static{this.styles=[K,a(Rt),o`
      .chart {
        margin: 0.6rem 0 1rem;
        overflow: hidden;
      }
      .timeline {
        display: flex;
        height: 26px;
        border-radius: 6px;
        overflow: hidden;
        border: 1px solid var(--border);
      }
      .seg {
        height: 100%;
        font-size: 0.7rem;
        color: #fff;
        overflow: hidden;
        white-space: nowrap;
        padding: 0 2px;
        line-height: 26px;
      }
      .seg.on {
        background: var(--accent);
      }
      .seg.off {
        background: var(--muted);
      }
      .seg.na {
        background: repeating-linear-gradient(45deg, var(--border), var(--border) 4px, transparent 4px, transparent 8px);
        color: var(--fg);
      }
      select[multiple] {
        min-height: 8rem;
        width: min(420px, 100%);
      }
      .u-legend {
        color: var(--fg);
      }
    `]}hubConnected(){if(!this.selected.length){let e=Object.keys(this.hub.entities).filter(e=>[`sensor`,`binary_sensor`,`lock`,`light`].includes(X(e))).sort().slice(0,qt);this.selected=e}this.load()}disconnectedCallback(){super.disconnectedCallback(),this.charts.forEach(e=>e.destroy()),this.charts=[]}async load(){if(!this.selected.length)this.data={};else try{this.data=await this.hub.call({type:`history/history_during_period`,start_time:new Date(Date.now()-this.hours*36e5).toISOString(),entity_ids:this.selected,minimal_response:!0,no_attributes:!0,significant_changes_only:!1}),this.error=``}catch(e){this.data=null,this.error=W(e)?Y(`History (the recorder)`):G(e)}}async updated(){if(this.charts.forEach(e=>e.destroy()),this.charts=[],!this.data)return;let e=this.renderRoot.querySelectorAll(`[data-chart]`);if(!e.length)return;let{default:t}=await Gt(async()=>{let{default:e}=await import(`./uPlot.esm-Cnx-LnSu.js`);return{default:e}},[]),n=getComputedStyle(this),r=n.getPropertyValue(`--accent`).trim()||`#1d5fa8`,i=n.getPropertyValue(`--muted`).trim()||`#666`;for(let n of e){let e=n.dataset.chart,a=this.data[e]??[],o=a.map(e=>e.lu??e.lc??0),s=a.map(e=>Number.isFinite(Number(e.s))?Number(e.s):null),c=Math.max(240,n.clientWidth-4),l=String(this.hub.entities[e]?.attributes.unit_of_measurement??``);this.charts.push(new t({width:c,height:180,series:[{},{label:l||e,stroke:r,width:2,spanGaps:!1}],axes:[{stroke:i},{stroke:i}],legend:{show:!1}},[o,s],n))}}renderTimeline(e,t){let n=Date.now()/1e3,r=n-this.hours*3600,i=t.map((e,i)=>{let a=Math.max(r,e.lu??e.lc??r),o=t[i+1],s=o?o.lu??o.lc??n:n;return{state:e.s,width:Math.max(0,(s-a)/(n-r)*100)}});return k`<div class="timeline" role="img" aria-label="Timeline of ${this.hub.name(e)}">
      ${i.map(e=>k`<div
          class="seg ${[`on`,`open`,`unlocked`,`home`].includes(e.state)?`on`:e.state===`unavailable`||e.state===`unknown`?`na`:`off`}"
          style="width:${e.width.toFixed(3)}%"
          title=${e.state}
        >
          ${e.width>8?e.state:``}
        </div>`)}
    </div>`}render(){return k`
      <h1>History</h1>
      <div class="row card">
        <label
          >Entities
          <select
            multiple
            aria-label="Entities to show"
            @change=${e=>{this.selected=[...e.target.selectedOptions].map(e=>e.value),this.load()}}
          >
            ${Object.keys(this.hub.entities).sort().map(e=>k`<option value=${e} ?selected=${this.selected.includes(e)}>${this.hub.name(e)}</option>`)}
          </select>
        </label>
        <label
          >Period
          <select
            @change=${e=>{this.hours=Number(e.target.value),this.load()}}
          >
            ${Kt.map(([e,t])=>k`<option value=${t} ?selected=${t===this.hours}>${e}</option>`)}
          </select>
        </label>
      </div>
      ${this.error?k`<p class="notice">${this.error}</p>`:j}
      ${this.data?this.selected.map(e=>{let t=this.data[e]??[];return k`<section class="card chart">
              <h3>${this.hub.name(e)}</h3>
              ${t.length?Jt(t)?k`<div data-chart=${e}></div>`:this.renderTimeline(e,t):k`<p class="muted small">No history in this period.</p>`}
            </section>`}):j}
    `}};customElements.define(`bastion-history`,Yt);var Xt=class extends J{static{this.properties={...J.properties,entries:{state:!0},error:{state:!0},hours:{state:!0}}}constructor(){super(),this.entries=null,this.error=``,this.hours=24}hubConnected(){this.load()}async load(){try{let e=await this.hub.call({type:`logbook/get_events`,start_time:new Date(Date.now()-this.hours*36e5).toISOString()});this.entries=[...e].reverse(),this.error=``}catch(e){this.entries=null,this.error=W(e)?Y(`The logbook (the recorder)`):G(e)}}render(){return k`
      <div class="row">
        <h1>Logbook</h1>
        <span class="spacer"></span>
        <select
          aria-label="Period"
          @change=${e=>{this.hours=Number(e.target.value),this.load()}}
        >
          ${Kt.map(([e,t])=>k`<option value=${t} ?selected=${t===this.hours}>${e}</option>`)}
        </select>
        <button @click=${()=>this.load()}>Refresh</button>
      </div>
      ${this.error?k`<p class="notice">${this.error}</p>`:j}
      ${this.entries&&!this.entries.length?k`<p class="muted">Nothing happened in this period.</p>`:j}
      ${this.entries?k`<div class="card"><table>
            <tbody>
              ${this.entries.map(e=>k`<tr>
                  <td class="small muted" style="white-space:nowrap">${$(e.when)}</td>
                  <td>
                    <strong>${e.name??e.entity_id??``}</strong> ${e.message??e.state??``}
                    ${e.context_user_name?k` by <strong>${e.context_user_name}</strong>`:e.context_name?k` <span class="muted">triggered by ${e.context_name}</span>`:j}
                  </td>
                </tr>`)}
            </tbody>
          </table></div>`:j}
    `}};customElements.define(`bastion-logbook`,Xt);var Zt=class extends J{static{this.properties={...J.properties,path:{attribute:!1},message:{state:!0},traces:{state:!0},trace:{state:!0},traceError:{state:!0},editorReady:{state:!0}}}constructor(){super(),this.traceKey=``,this.path=[],this.message=``,this.traces=null,this.trace=null,this.traceError=``,this.editorReady=!1}static{this.styles=[K,o`
      td.actions {
        white-space: nowrap;
        text-align: right;
      }
      td.actions button,
      td.actions a {
        margin-left: 0.3rem;
      }
      a.btn {
        text-decoration: none;
        display: inline-block;
      }
      pre {
        white-space: pre-wrap;
        font-size: 0.8rem;
        background: var(--bg);
        padding: 0.6rem;
        border-radius: 6px;
        max-height: 60vh;
        overflow: auto;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}items(e){return Object.values(this.hub.entities).filter(t=>X(t.entity_id)===e).sort((e,t)=>this.hub.name(e.entity_id).localeCompare(this.hub.name(t.entity_id)))}async act(e,t,n,r){try{await this.hub.callService(e,t,{entity_id:n}),this.message=r}catch(e){this.message=G(e)}}willUpdate(){let[e,t,n,r]=this.path;if(e===`edit`&&!this.editorReady&&Gt(()=>import(`./automation-editor-CgoyfgRm.js`).then(()=>this.editorReady=!0),[]),e===`traces`&&t&&n){let e=this.path.join(`/`);e!==this.traceKey&&(this.traceKey=e,this.loadTraces(t,n,r))}}async loadTraces(e,t,n){this.traceError=``;try{this.traces=await this.hub.call({type:`trace/list`,domain:e,item_id:t});let r=n??this.traces.at(-1)?.run_id;this.trace=r?await this.hub.call({type:`trace/get`,domain:e,item_id:t,run_id:r}):null}catch(e){this.traces=null,this.trace=null,this.traceError=W(e)?Y(`Run traces (trace/list)`):G(e)}}render(){let[e,t,n]=this.path;if(e===`edit`){let e=t===`script`?`script`:`automation`,r=t===`script`||t===`automation`?n:t;return this.editorReady?k`<bastion-automation-editor .hub=${this.hub} .domain=${e} .itemId=${r??``}></bastion-automation-editor>`:k`<p class="muted">Loading editor…</p>`}return e===`traces`?this.renderTraces(t,n):k`
      <div class="row">
        <h1>Automations</h1>
        <span class="spacer"></span>
        <a class="btn" href="#/automations/edit/automation/new">New automation</a>
      </div>
      ${this.message?k`<p role="status">${this.message}</p>`:j}
      ${this.renderTable(`automation`)}
      <h1 style="margin-top:1.2rem">Scripts</h1>
      ${this.renderTable(`script`)}
    `}renderTable(e){let t=this.items(e);return t.length?k`<div class="card table-wrap"><table>
      <thead><tr><th>Name</th><th>State</th><th>Last run</th><th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>
        ${t.map(t=>{let n=String(t.attributes.id??t.entity_id.split(`.`)[1]),r=this.hub.name(t.entity_id),i=t.state===`on`,a=t.attributes.last_triggered;return k`<tr data-entity=${t.entity_id}>
            <td>${r}</td>
            <td>
              ${e===`automation`?k`<span class="badge ${i?`on`:``}">${i?`Enabled`:`Disabled`}</span>`:k`<span class="badge ${i?`on`:``}">${i?`Running`:`Idle`}</span>`}
            </td>
            <td class="small">${a?k`<span title=${$(a)}>${Q(a)}</span>`:`never`}</td>
            <td class="actions">
              ${e===`automation`?k`<button
                      aria-label="${i?`Disable`:`Enable`} ${r}"
                      @click=${()=>this.act(`automation`,i?`turn_off`:`turn_on`,t.entity_id,i?`${r} disabled.`:`${r} enabled.`)}
                    >
                      ${i?`Disable`:`Enable`}
                    </button>
                    <button aria-label="Run ${r}" @click=${()=>this.act(`automation`,`trigger`,t.entity_id,`${r} ran.`)}>Run</button>`:k`<button aria-label="Run ${r}" @click=${()=>this.act(`script`,`turn_on`,t.entity_id,`${r} started.`)}>Run</button>`}
              <a class="btn" href="#/automations/edit/${e}/${encodeURIComponent(n)}" aria-label="Edit ${r}">Edit</a>
              <a class="btn" href="#/automations/traces/${e}/${encodeURIComponent(n)}" aria-label="Traces of ${r}">Traces</a>
            </td>
          </tr>`})}
      </tbody>
    </table></div>`:k`<p class="muted">None configured.</p>`}renderTraces(e,t){return k`
      <div class="row">
        <a class="btn" href="#/automations">← Back</a>
        <h1>Traces · ${e}.${t}</h1>
      </div>
      ${this.traceError?k`<p class="notice">${this.traceError}</p>`:j}
      ${this.traces&&!this.traces.length?k`<p class="muted">No runs recorded yet.</p>`:j}
      ${this.traces?.length?k`<div class="card"><table>
            <thead><tr><th>Started</th><th>Result</th><th>Trigger</th><th></th></tr></thead>
            <tbody>
              ${[...this.traces].reverse().map(n=>k`<tr>
                  <td>${n.timestamp?$(n.timestamp.start):`—`}</td>
                  <td>${n.script_execution??n.state??``} ${n.error?k`<span class="error">${n.error}</span>`:j}</td>
                  <td>${n.trigger??``}</td>
                  <td><a class="btn" href="#/automations/traces/${e}/${encodeURIComponent(t)}/${n.run_id}">Show</a></td>
                </tr>`)}
            </tbody>
          </table></div>`:j}
      ${this.trace?k`<h2 style="margin-top:1rem">Run details</h2><pre>${JSON.stringify(this.trace,null,2)}</pre>`:j}
    `}};customElements.define(`bastion-automations`,Zt);var Qt=365,$t=class extends J{static{this.properties={...J.properties,users:{state:!0},usersError:{state:!0},tokens:{state:!0},newToken:{state:!0},message:{state:!0}}}constructor(){super(),this.users=null,this.usersError=``,this.tokens=null,this.newToken=``,this.message=``}static{this.styles=[K,o`
      section {
        margin-bottom: 1rem;
      }
      code {
        word-break: break-all;
        display: block;
        padding: 0.5rem;
        background: var(--bg);
        border-radius: 6px;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}hubConnected(){this.load()}async load(){if(this.hub.user?.is_admin)try{this.users=await this.hub.call({type:`config/auth/list`}),this.usersError=``}catch(e){this.users=null,this.usersError=W(e)?Y(`User management (config/auth/list)`):G(e)}try{this.tokens=await this.hub.call({type:`auth/refresh_tokens`})}catch(e){this.tokens=null,this.message=G(e)}}async createToken(e){e.preventDefault();let t=e.target.elements.namedItem(`client_name`);try{this.newToken=await this.hub.call({type:`auth/long_lived_access_token`,client_name:t.value,lifespan:Qt}),t.value=``,await this.load()}catch(e){this.message=G(e)}}async revoke(e){if(confirm(`Revoke ${e.client_name??e.client_id??`this token`}?`))try{await this.hub.call({type:`auth/delete_refresh_token`,refresh_token_id:e.id}),await this.load()}catch(e){this.message=G(e)}}render(){let e=this.hub.user;return k`
      <h1>Users and access</h1>
      <section class="card">
        <h2>You</h2>
        <p>
          ${e?.name} <span class="muted">(${e?.username??``})</span>
          <span class="badge">${e?.role??(e?.is_owner?`owner`:e?.is_admin?`admin`:`user`)}</span>
          ${e?.mfa_modules?.some(e=>e.enabled)?k`<span class="badge on">Two-factor on</span>`:k`<span class="badge">Two-factor off</span>`}
        </p>
      </section>
      ${e?.is_admin?k`<section class="card">
            <h2>Users and roles</h2>
            ${this.usersError?k`<p class="muted">${this.usersError}</p>`:j}
            ${this.users?k`<div class="table-wrap"><table>
                  <thead><tr><th>Name</th><th>Username</th><th>Role</th><th>Active</th><th>MFA</th></tr></thead>
                  <tbody>
                    ${this.users.map(e=>k`<tr>
                        <td>${e.name}</td>
                        <td>${e.username??`—`}</td>
                        <td>${e.role??(e.is_owner?`owner`:(e.group_ids??[]).join(`, `))}</td>
                        <td>${e.is_active===!1?`No`:`Yes`}</td>
                        <td>${e.mfa_enabled?`Yes`:`No`}</td>
                      </tr>`)}
                  </tbody>
                </table></div>`:j}
          </section>`:j}
      <section class="card">
        <h2>Sessions and long-lived tokens</h2>
        ${this.message?k`<p class="error" role="alert">${this.message}</p>`:j}
        ${this.tokens?k`<div class="table-wrap"><table>
              <thead><tr><th>Client</th><th>Type</th><th>Created</th><th>Last used</th><th></th></tr></thead>
              <tbody>
                ${this.tokens.map(e=>k`<tr>
                    <td>${e.client_name??e.client_id??`—`} ${e.is_current?k`<span class="badge on">this browser</span>`:j}</td>
                    <td>${(e.token_type??e.type??``).replace(/_/g,` `)}</td>
                    <td>${e.created_at?$(e.created_at):`—`}</td>
                    <td>${e.last_used_at?`${$(e.last_used_at)} ${e.last_used_ip??``}`:`—`}</td>
                    <td>${e.is_current?j:k`<button @click=${()=>this.revoke(e)}>Revoke</button>`}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:j}
        <form class="row" style="margin-top:0.8rem" @submit=${this.createToken}>
          <label>New long-lived token name<input name="client_name" required maxlength="128" /></label>
          <button type="submit" style="align-self:flex-end">Create token</button>
        </form>
        ${this.newToken?k`<p class="notice">Copy this token now — it is shown only once:</p>
              <code data-testid="new-token">${this.newToken}</code>`:j}
      </section>
    `}};customElements.define(`bastion-users`,$t);var en=class extends J{static{this.properties={...J.properties,notes:{state:!0},error:{state:!0}}}constructor(){super(),this.unsub=null,this.notes={},this.error=``}static{this.styles=[K,o`
      .note {
        margin-bottom: 0.6rem;
      }
      .note p {
        white-space: pre-wrap;
        margin: 0.3rem 0;
      }
    `]}hubConnected(){this.hub.conn.subscribeMessage(e=>this.apply(e),{type:`persistent_notification/subscribe`}).then(e=>this.unsub=e).catch(e=>this.error=G(e))}disconnectedCallback(){super.disconnectedCallback(),this.unsub?.()}apply(e){if(e.type===`current`)this.notes={...e.notifications};else if(e.type===`removed`){let t={...this.notes};for(let n of Object.keys(e.notifications))delete t[n];this.notes=t}else this.notes={...this.notes,...e.notifications}}async dismiss(e){try{await this.hub.call({type:`persistent_notification/dismiss`,notification_id:e})}catch(e){this.error=G(e)}}render(){let e=Object.values(this.notes).sort((e,t)=>(t.created_at??``).localeCompare(e.created_at??``));return k`
      <h1>Notifications</h1>
      ${this.error?k`<p class="error">${this.error}</p>`:j}
      ${e.length?j:k`<p class="muted">No notifications.</p>`}
      ${e.map(e=>k`<article class="card note" data-testid="notification">
          <div class="row">
            <strong>${e.title??`Notification`}</strong>
            <span class="spacer"></span>
            <span class="small muted">${e.created_at?Q(e.created_at):``}</span>
          </div>
          <p>${e.message}</p>
          <button @click=${()=>this.dismiss(e.notification_id)}>Dismiss</button>
        </article>`)}
    `}};customElements.define(`bastion-notifications`,en);var tn=class extends J{static{this.properties={...J.properties,health:{state:!0},error:{state:!0}}}constructor(){super(),this.unsub=null,this.health={},this.error=``}hubConnected(){this.hub.conn.subscribeMessage(e=>{if(e.type===`initial`&&e.data)this.health=e.data;else if(e.type===`update`&&e.domain&&e.key){let t=this.health[e.domain]??{info:{}};this.health={...this.health,[e.domain]:{info:{...t.info,[e.key]:e.data}}}}},{type:`system_health/info`}).then(e=>this.unsub=e).catch(e=>this.error=G(e))}disconnectedCallback(){super.disconnectedCallback(),this.unsub?.()}render(){let e=this.hub.config;return k`
      <h1>System</h1>
      <section class="card">
        <table>
          <tbody>
            ${[[`Name`,e.location_name],[`Version`,e.version],[`Time zone`,e.time_zone],[`State`,e.state],[`Configuration`,e.config_dir],[`Entities`,Object.keys(this.hub.entities).length],[`Areas`,this.hub.areas.length],[`Integrations`,Array.isArray(e.components)?e.components.length:`—`]].map(([e,t])=>k`<tr><th scope="row">${e}</th><td>${String(t??`—`)}</td></tr>`)}
          </tbody>
        </table>
      </section>
      <h2 style="margin-top:1rem">Health</h2>
      ${this.error?k`<p class="error">${this.error}</p>`:j}
      ${Object.entries(this.health).map(([e,t])=>k`<section class="card" style="margin-bottom:0.6rem">
          <h3>${e}</h3>
          <table>
            <tbody>
              ${Object.entries(t.info??{}).map(([e,t])=>k`<tr><th scope="row">${e.replace(/_/g,` `)}</th><td>${typeof t==`object`?JSON.stringify(t):String(t)}</td></tr>`)}
            </tbody>
          </table>
        </section>`)}
    `}};customElements.define(`bastion-system`,tn);var nn=`bastion.theme`,rn=`
  --bg:#f3f5f8; --card:#ffffff; --fg:#15202b; --muted:#5b6875; --border:#d5dbe2;
  --btn:#eef1f5; --input:#ffffff; --accent:#1d5fa8; --accent-soft:#dbe8f7;
  --danger:#b3261e; --warn:#b26a00; --ok:#1e7d38; --focus:#f0a000; --nav:#14365c; --nav-fg:#ffffff;`,an=`
  --bg:#0f1419; --card:#1a2129; --fg:#e6edf3; --muted:#9aa7b4; --border:#2e3944;
  --btn:#232c36; --input:#11171d; --accent:#4c9aed; --accent-soft:#1c3550;
  --danger:#ef5350; --warn:#f0a030; --ok:#4caf50; --focus:#ffcc33; --nav:#0b1e33; --nav-fg:#e6edf3;`;function on(){let e=localStorage.getItem(nn);return e===`light`||e===`dark`?e:`auto`}function sn(e){e===`auto`?localStorage.removeItem(nn):localStorage.setItem(nn,e),cn()}function cn(){let e=document.getElementById(`bastion-theme`);e||(e=document.createElement(`style`),e.id=`bastion-theme`,document.head.append(e));let t=on(),n=t===`auto`?`:root{${rn}} @media (prefers-color-scheme: dark){:root{${an}}}`:`:root{${t===`dark`?an:rn}}`;e.textContent=`html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px}
    body{margin:0;background:var(--bg);color:var(--fg)}`+n,document.documentElement.dataset.theme=t}var ln=class extends J{static{this.properties={...J.properties,theme:{state:!0}}}constructor(){super(),this.theme=on()}choose(e){sn(e),this.theme=e}render(){return k`
      <h1>Settings</h1>
      <section class="card">
        <fieldset style="border:0;padding:0;margin:0">
          <legend><h2>Theme (this browser)</h2></legend>
          ${[[`auto`,`Follow the system`],[`light`,`Light`],[`dark`,`Dark`]].map(([e,t])=>k`<label style="flex-direction:row;align-items:center;gap:0.5rem;margin:0.4rem 0">
              <input
                type="radio"
                name="theme"
                value=${e}
                .checked=${this.theme===e}
                @change=${()=>this.choose(e)}
              />
              ${t}
            </label>`)}
        </fieldset>
      </section>
    `}};customElements.define(`bastion-settings`,ln);var un=[{path:`dashboard`,label:`Dashboard`,icon:`home`},{path:`alarm`,label:`Alarm`,icon:`shield`},{path:`security`,label:`Security`,icon:`alert`},{path:`history`,label:`History`,icon:`chart`},{path:`logbook`,label:`Logbook`,icon:`list`},{path:`automations`,label:`Automations`,icon:`gear`,admin:!0},{path:`notifications`,label:`Notifications`,icon:`bell`},{path:`users`,label:`Users`,icon:`users`},{path:`system`,label:`System`,icon:`info`,admin:!0},{path:`settings`,label:`Settings`,icon:`theme`}],dn=4e3,fn=()=>{let e=location.hash.replace(/^#\/?/,``).split(`/`).filter(Boolean);return e.length?e.map(decodeURIComponent):[`dashboard`]},pn=class extends R{static{this.properties={hub:{state:!0},mode:{state:!0},route:{state:!0},failure:{state:!0},navOpen:{state:!0}}}constructor(){super(),this.resumedTimer=0,this.onHash=()=>{this.route=fn(),this.navOpen=!1},this.hub=null,this.mode=`loading`,this.route=fn(),this.failure=``,this.navOpen=!1}static{this.styles=[K,o`
      :host {
        display: block;
        min-height: 100vh;
      }
      .layout {
        display: grid;
        grid-template-columns: 220px 1fr;
        min-height: 100vh;
      }
      nav {
        background: var(--nav);
        color: var(--nav-fg);
        padding: 0.8rem 0.5rem;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      nav .brand {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 700;
        font-size: 1.2rem;
        padding: 0.3rem 0.7rem 0.8rem;
      }
      nav a {
        color: var(--nav-fg);
        text-decoration: none;
        padding: 0.55rem 0.7rem;
        border-radius: 8px;
        display: flex;
        gap: 0.6rem;
        align-items: center;
      }
      nav a[aria-current="page"] {
        background: rgba(255, 255, 255, 0.16);
        font-weight: 600;
      }
      nav a:hover {
        background: rgba(255, 255, 255, 0.1);
      }
      nav .who {
        margin-top: auto;
        padding: 0.6rem 0.7rem;
        font-size: 0.85rem;
        opacity: 0.85;
      }
      nav button {
        background: transparent;
        color: var(--nav-fg);
        border-color: rgba(255, 255, 255, 0.3);
        margin: 0 0.5rem;
      }
      main {
        padding: 1rem 1.2rem 5rem;
        min-width: 0;
      }
      .topbar {
        display: none;
      }
      svg.icon {
        flex: none;
      }
      .banner {
        position: sticky;
        top: 0;
        z-index: 10;
        padding: 0.6rem 1rem;
        font-weight: 600;
        text-align: center;
      }
      .banner.lost {
        background: var(--danger);
        color: #fff;
      }
      .banner.back {
        background: var(--ok);
        color: #fff;
      }
      @media (max-width: 800px) {
        .layout {
          grid-template-columns: 1fr;
        }
        .topbar {
          display: flex;
          align-items: center;
          gap: 0.6rem;
          background: var(--nav);
          color: var(--nav-fg);
          padding: 0.4rem 0.6rem;
          position: sticky;
          top: 0;
          z-index: 5;
        }
        .topbar button {
          background: transparent;
          color: var(--nav-fg);
          border-color: rgba(255, 255, 255, 0.3);
        }
        nav {
          display: none;
        }
        nav.open {
          display: flex;
          position: fixed;
          inset: 48px 0 0 0;
          z-index: 20;
          overflow: auto;
        }
        main {
          padding: 0.8rem 0.7rem 4rem;
        }
      }
    `]}connectedCallback(){super.connectedCallback(),window.addEventListener(`hashchange`,this.onHash),this.start()}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener(`hashchange`,this.onHash)}async start(){let e=lt();e?await this.connect(e):this.mode=await it()?`onboarding`:`login`}async connect(e){this.failure=``;try{let t=new dt(e);await t.connect(),t.subscribe(()=>this.onHubChange()),this.hub=t,this.mode=`app`,(location.hash.startsWith(`#/onboarding`)||!location.hash)&&(location.hash=`#/dashboard`)}catch(e){this.failure=`Could not connect: ${G(e)}`,await ut(null),this.mode=await it()?`onboarding`:`login`}}onHubChange(){let e=this.hub;e&&e.resumedAt&&Date.now()-e.resumedAt<dn&&(clearTimeout(this.resumedTimer),this.resumedTimer=window.setTimeout(()=>{this.hub&&(this.hub.resumedAt=0),this.requestUpdate()},dn)),this.requestUpdate()}async signOut(){let e=this.hub;e?.close(),this.hub=null,await ut(e?.auth??null),this.mode=`login`}render(){if(this.mode===`loading`)return k`<p class="muted" style="padding:2rem">Loading…</p>`;if(this.mode!==`app`||!this.hub)return k`
        ${this.failure?k`<div class="banner lost" role="alert">${this.failure}</div>`:j}
        <bastion-login
          ?onboarding=${this.mode===`onboarding`}
          @logged-in=${e=>this.connect(e.detail)}
        ></bastion-login>
      `;let e=this.hub,t=e.user?.is_admin??!1,[n]=this.route;return k`
      ${e.status===`disconnected`?k`<div class="banner lost" role="alert" data-testid="connection-lost">
            Connection to the hub lost — reconnecting…
          </div>`:e.resumedAt?k`<div class="banner back" role="status" data-testid="connection-back">
              Connection restored
            </div>`:j}
      <div class="topbar">
        <button
          aria-label="Menu"
          aria-expanded=${this.navOpen}
          @click=${()=>this.navOpen=!this.navOpen}
        >
          ${q(`menu`)}
        </button>
        <strong>${String(e.config.location_name??`Bastion`)}</strong>
      </div>
      <div class="layout">
        <nav class=${this.navOpen?`open`:``} aria-label="Main">
          <div class="brand">${q(`shield`)} ${String(e.config.location_name??`Bastion`)}</div>
          ${un.filter(e=>t||!e.admin).map(e=>k`<a
              href="#/${e.path}"
              aria-current=${n===e.path?`page`:`false`}
              >${q(e.icon)}${e.label}</a
            >`)}
          <div class="who">Signed in as ${e.user?.name??`…`}</div>
          <button @click=${this.signOut}>Sign out</button>
        </nav>
        <main id="main">${this.renderPage(n,e)}</main>
      </div>
    `}renderPage(e,t){let n=this.route.slice(1);switch(e){case`alarm`:return k`<bastion-alarm .hub=${t}></bastion-alarm>`;case`security`:return k`<bastion-security .hub=${t}></bastion-security>`;case`history`:return k`<bastion-history .hub=${t}></bastion-history>`;case`logbook`:return k`<bastion-logbook .hub=${t}></bastion-logbook>`;case`automations`:return k`<bastion-automations .hub=${t} .path=${n}></bastion-automations>`;case`notifications`:return k`<bastion-notifications .hub=${t}></bastion-notifications>`;case`users`:return k`<bastion-users .hub=${t}></bastion-users>`;case`system`:return k`<bastion-system .hub=${t}></bastion-system>`;case`settings`:return k`<bastion-settings .hub=${t}></bastion-settings>`;default:return k`<bastion-dashboard .hub=${t}></bastion-dashboard>`}}};customElements.define(`bastion-app`,pn),cn();export{j as a,G as i,Y as n,k as o,K as r,o as s,J as t};